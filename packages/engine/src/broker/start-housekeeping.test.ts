import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingLogger, type Recorded } from '../../test/broker-fixture.js';
import { createSqliteTestStore } from '../../test/sqlite-test-store.js';
import type { CreateAuthFlowInput, Store } from '../store/store.js';
import { startHousekeeping } from './start-housekeeping.js';

// Housekeeping rounds on a real store: what is deleted, what is kept for status polls, and
// which flows are failed. Rounds are run with runNow; the schedule itself is shown over HTTP
// in flow-housekeeping.e2e.test.ts.

const hour = 60 * 60 * 1000;
const flowInput: CreateAuthFlowInput = {
  userId: 'alice',
  providerId: 'testkit',
  providerType: 'oauth2',
  scopes: ['inbox.read'],
};

let location: Awaited<ReturnType<typeof createSqliteTestStore>>;
let store: Store;
let recorded: Recorded;

beforeEach(async () => {
  location = await createSqliteTestStore();
  store = await location.open();
  recorded = { logLines: [], responseBodies: [] };
});

afterEach(async () => {
  await store.close();
  await location.destroy();
});

describe('startHousekeeping', () => {
  it('deletes flows expired longer ago than the retention, keeps the rest, and says how many', async () => {
    const old = await store.createFlow({
      ...flowInput,
      expiresAt: new Date(Date.now() - 2 * hour),
    });
    const recent = await store.createFlow({ ...flowInput, expiresAt: new Date(Date.now() - 1000) });
    const pending = await store.createFlow(flowInput);
    await store.failFlow({ flowId: recent.id, reason: 'access_denied' });
    const housekeeping = startHousekeeping({
      store,
      logger: createRecordingLogger(recorded),
      intervalMs: hour,
      flowRetentionMs: hour,
    });
    try {
      await housekeeping.runNow();
    } finally {
      await housekeeping.stop();
    }
    expect(await store.findFlow(old.id)).toBeUndefined();
    // Still there to answer a status poll: failed, as it was.
    expect((await store.findFlow(recent.id))?.status).toBe('failed');
    expect((await store.findFlow(pending.id))?.status).toBe('pending');
    expect(recorded.logLines).toEqual(['info Deleted expired authorization flows {"count":1}']);
  });

  it('fails flows whose code exchange was interrupted, once', async () => {
    const flow = await store.createFlow(flowInput);
    await store.withCodeExchange(flow.id, async () => {
      // The exchange ends without settling the flow, as if its process had died.
    });
    const housekeeping = startHousekeeping({
      store,
      logger: createRecordingLogger(recorded),
      intervalMs: hour,
    });
    try {
      await Promise.all([housekeeping.runNow(), housekeeping.runNow()]);
      await housekeeping.runNow();
    } finally {
      await housekeeping.stop();
    }
    expect(await store.findFlow(flow.id)).toMatchObject({
      status: 'failed',
      failureReason: 'code_exchange_interrupted',
    });
    expect(recorded.logLines).toEqual([
      `warn Failed authorization flows whose code exchange was interrupted {"flowIds":["${flow.id}"]}`,
    ]);
  });
});
