import { expect } from 'vitest';
import type { StoreDump } from './engine-under-test.js';

/**
 * What a refused callback may change: nothing stored, every flow as it was but `flowId`, which
 * failed (for `reason`, when given) and holds no credential.
 */
export function expectOnlyFlowFailed({
  before,
  after,
  flowId,
  reason,
}: {
  before: StoreDump;
  after: StoreDump;
  flowId: string;
  reason?: string;
}): void {
  expect(after.connections).toEqual(before.connections);
  expect(after.flows.filter((flow) => flow.id !== flowId)).toEqual(
    before.flows.filter((flow) => flow.id !== flowId),
  );
  expect(after.flows.find((flow) => flow.id === flowId)).toMatchObject({
    status: 'failed',
    ...(reason === undefined ? {} : { failure_reason: reason }),
    held_credential_encrypted: null,
  });
}
