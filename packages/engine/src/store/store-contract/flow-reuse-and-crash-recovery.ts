import { describe, expect, it, vi } from 'vitest';
import { flowInput, tokens, waitForSettled } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on reused flows, interrupted exchanges and refresh attempts. */
export function describeFlowReuseAndCrashRecovery(subject: StoreUnderTest): void {
  describe('flow reuse and crash recovery', () => {
    // Built when a test runs: a date fixed when the suite was collected can pass while slower
    // tests before it run, and a flow expiring in 30 s would then count as reusable.
    const reuseInput = () => ({ ...flowInput, reusableUntil: new Date(Date.now() + 60_000) });

    it('reuses a pending flow whose scopes cover the request, else creates one', async () => {
      const { flow: first, reused } = await subject.store.findOrCreateFlow(reuseInput());
      expect(reused).toBe(false);
      const again = await subject.store.findOrCreateFlow({ ...reuseInput(), scopes: [] });
      expect(again).toEqual({ flow: first, reused: true });
      const wider = await subject.store.findOrCreateFlow({
        ...reuseInput(),
        scopes: ['inbox.read', 'inbox.send'],
      });
      expect(wider.reused).toBe(false);
      expect(wider.flow.id).not.toBe(first.id);
      // The newest covering flow is the one handed out from now on.
      expect((await subject.store.findOrCreateFlow(reuseInput())).flow.id).toBe(wider.flow.id);
      const otherNext = await subject.store.findOrCreateFlow({
        ...reuseInput(),
        nextUri: undefined,
      });
      expect(otherNext.reused).toBe(false);
    });

    it('hands out the newest covering flow even when both were created in one millisecond', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      try {
        const first = await subject.store.findOrCreateFlow(reuseInput());
        const wider = await subject.store.findOrCreateFlow({
          ...reuseInput(),
          scopes: ['inbox.read', 'inbox.send'],
        });
        expect(wider.flow.id).not.toBe(first.flow.id);
        for (let call = 0; call < 5; call += 1) {
          expect((await subject.store.findOrCreateFlow(reuseInput())).flow.id).toBe(wider.flow.id);
        }
      } finally {
        vi.useRealTimers();
      }
    });

    it('never reuses a consumed, settled, soon-expiring or already opened flow', async () => {
      const consumed = await subject.store.createFlow(flowInput);
      await subject.store.consumeState(consumed.state);
      const failed = await subject.store.createFlow(flowInput);
      await subject.store.failFlow({ flowId: failed.id, reason: 'access_denied' });
      await subject.store.createFlow({ ...flowInput, expiresAt: new Date(Date.now() + 30_000) });
      const opened = await subject.store.createFlow(flowInput);
      await subject.store.bindFlowToBrowser({
        flowId: opened.id,
        browserBindingHash: 'a'.repeat(64),
      });
      const { flow, reused } = await subject.store.findOrCreateFlow(reuseInput());
      expect(reused).toBe(false);
      expect((await subject.store.findOrCreateFlow(reuseInput())).flow.id).toBe(flow.id);
    });

    it('gives 20 concurrent callers one flow', async () => {
      const other = subject.sharedAcrossProcesses ? await subject.open() : subject.store;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          (index % 2 === 0 ? subject.store : other).findOrCreateFlow(reuseInput()),
        ),
      );
      expect(new Set(results.map((result) => result.flow.id)).size).toBe(1);
      expect(results.filter((result) => !result.reused)).toHaveLength(1);
      const rows = await subject.location.runSql('SELECT id FROM auth_flows');
      expect(rows).toHaveLength(1);
    });

    it('fails a flow whose exchange outlived its process, and tells its listeners', async () => {
      const running = await subject.store.createFlow(flowInput);
      const interrupted = await subject.store.createFlow(flowInput);
      let finish: () => void = () => {};
      const exchange = subject.store.withCodeExchange(running.id, async () => {
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        return 'exchanged';
      });
      await expect
        .poll(async () => (await subject.store.findFlow(running.id))?.exchangeStartedAt)
        .toBeInstanceOf(Date);
      // A process that died mid-exchange left its mark and no lock.
      await subject.location.runSql(
        `UPDATE auth_flows SET exchange_started_at = ${Date.now()} WHERE id = '${interrupted.id}'`,
      );
      const checker = subject.sharedAcrossProcesses ? await subject.open() : subject.store;
      const woken = waitForSettled(checker, interrupted.id);

      expect(await checker.failInterruptedExchanges()).toEqual([interrupted.id]);
      await woken;
      expect(await subject.store.findFlow(interrupted.id)).toMatchObject({
        status: 'failed',
        failureReason: 'code_exchange_interrupted',
      });
      // The running exchange is left alone, until it ends without settling its flow.
      expect((await subject.store.findFlow(running.id))?.status).toBe('pending');
      finish();
      expect(await exchange).toBe('exchanged');
      expect(await checker.failInterruptedExchanges({ flowId: running.id })).toEqual([running.id]);
      expect(await checker.failInterruptedExchanges()).toEqual([]);
    });

    it('records a refresh attempt until tokens are saved, it ends, or the grant is lost', async () => {
      const key = { userId: 'user-a@example.com', providerId: 'testkit' };
      await subject.store.saveConnection({ ...key, providerType: 'oauth2', scopes: [], ...tokens });
      expect((await subject.store.getCredential(key))?.refreshStartedAt).toBeUndefined();
      await subject.store.beginRefreshAttempt(key);
      const marked = await subject.store.getCredential(key);
      expect(marked?.refreshStartedAt).toBeInstanceOf(Date);
      expect(marked?.refreshToken).toBe(tokens.refreshToken);
      const [listed] = await subject.store.listConnections({ userId: key.userId });
      expect(listed?.refreshStartedAt).toEqual(marked?.refreshStartedAt);

      await subject.store.saveConnection({
        ...key,
        providerType: 'oauth2',
        scopes: [],
        accessToken: 'access-token-2',
        refreshToken: 'refresh-token-2',
      });
      expect(await subject.store.getCredential(key)).toMatchObject({
        refreshStartedAt: undefined,
        refreshToken: 'refresh-token-2',
      });
      await subject.store.beginRefreshAttempt(key);
      await subject.store.endRefreshAttempt(key);
      expect((await subject.store.getCredential(key))?.refreshStartedAt).toBeUndefined();
      await subject.store.beginRefreshAttempt(key);
      await subject.store.markNeedsReauthorization(key);
      expect(await subject.store.getCredential(key)).toMatchObject({
        status: 'needs_reauthorization',
        refreshStartedAt: undefined,
      });
    });
  });
}
