import { describe, expect, it } from 'vitest';
import { flowInput, tokens, waitForSettled } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on listeners woken when a flow settles. */
export function describeFlowSettledNotifications(subject: StoreUnderTest): void {
  describe('flow-settled notifications', () => {
    it('wakes a listener when its flow completes or fails, and not after unsubscribing', async () => {
      const completed = await subject.store.createFlow(flowInput);
      const failed = await subject.store.createFlow(flowInput);
      const calls: string[] = [];
      const stop = subject.store.onFlowSettled(completed.id, () => calls.push('completed'));
      subject.store.onFlowSettled(failed.id, () => calls.push('failed'));
      const woken = waitForSettled(subject.store, completed.id);
      await subject.store.completeFlow({
        flowId: completed.id,
        credential: { scopes: [], accessToken: tokens.accessToken },
      });
      await woken;
      const wokenAgain = waitForSettled(subject.store, failed.id);
      await subject.store.failFlow({ flowId: failed.id, reason: 'access_denied' });
      await wokenAgain;
      expect(calls).toEqual(['completed', 'failed']);

      stop();
      const other = waitForSettled(subject.store, completed.id);
      await subject.store.notifyFlowSettled(completed.id);
      await other;
      expect(calls).toEqual(['completed', 'failed']);
    });
  });
}
