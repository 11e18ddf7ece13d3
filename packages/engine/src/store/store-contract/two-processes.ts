import { describe, expect, it } from 'vitest';
import { delay, flowInput, runtimeWorker, tokens, waitForSettled } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on two stores on one database, as two engine processes. */
export function describeTwoProcesses(subject: StoreUnderTest): void {
  describe('two engine processes on one database', () => {
    it('lets exactly one of two processes consume a state', async () => {
      const other = await subject.open();
      const flow = await subject.store.createFlow(flowInput);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? subject.store : other).consumeState(flow.state),
        ),
      );
      expect(results.filter((result) => result.outcome === 'consumed')).toHaveLength(1);
    });

    it('never runs two refreshes for one key at once across processes', async () => {
      const other = await subject.open();
      const key = { userId: 'user-a', providerId: 'testkit' };
      let running = 0;
      let most = 0;
      let runs = 0;
      const refresh = async () => {
        runs += 1;
        running += 1;
        most = Math.max(most, running);
        await delay(50);
        running -= 1;
        return runs;
      };
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? subject.store : other).withRefreshLock(key, refresh),
        ),
      );
      expect(most).toBe(1);
      // One run per process: callers within a process share theirs.
      expect(runs).toBe(2);
    });

    it('admits one of 20 concurrent registrations of one toolkit across two processes', async () => {
      const other = await subject.open();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? subject.store : other).saveRuntimeWorker({
            worker: { ...runtimeWorker, id: `claimant-${index}` },
          }),
        ),
      );
      expect(results.filter((result) => result.outcome === 'saved')).toHaveLength(1);
      expect(await other.listRuntimeWorkers()).toHaveLength(1);
    });

    it('lets exactly one of two processes spend a consent state', async () => {
      const other = await subject.open();
      const expiresAt = new Date(Date.now() + 60_000);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? subject.store : other).spendMcpRequestState({
            id: 'state',
            expiresAt,
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('wakes a listener on one process when the flow settles on the other', async () => {
      const other = await subject.open();
      const flow = await subject.store.createFlow(flowInput);
      const woken = waitForSettled(other, flow.id);
      const started = performance.now();
      await subject.store.completeFlow({
        flowId: flow.id,
        credential: { scopes: [], accessToken: tokens.accessToken },
      });
      await woken;
      expect(performance.now() - started).toBeLessThan(2_000);
      expect((await other.findFlow(flow.id))?.status).toBe('completed');
    });
  });
}
