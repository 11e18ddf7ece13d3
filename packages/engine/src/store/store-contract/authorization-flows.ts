import { describe, expect, it } from 'vitest';
import { FlowNotPendingError } from '../flow-not-pending-error.js';
import { flowInput, tokens } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on authorization flows: created, consumed once, bound to one browser, held, completed, failed, pruned. */
export function describeAuthorizationFlows(subject: StoreUnderTest): void {
  describe('authorization flows', () => {
    it('creates a pending flow that expires in ten minutes and finds it by id', async () => {
      const before = Date.now();
      const flow = await subject.store.createFlow(flowInput);
      expect(flow).toMatchObject({
        ...flowInput,
        status: 'pending',
        failureReason: undefined,
        consumedAt: undefined,
        awaitingConfirmation: false,
        browserBindingHash: undefined,
        settledAt: undefined,
      });
      expect(flow.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(flow.expiresAt.getTime() - before).toBeGreaterThanOrEqual(10 * 60 * 1000 - 50);
      expect(flow.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
      expect(await subject.store.findFlow(flow.id)).toEqual(flow);
      expect(await subject.store.findFlow('no-such-flow')).toBeUndefined();
    });

    it('gives every flow its own id and state', async () => {
      const flows = await Promise.all(
        Array.from({ length: 20 }, () => subject.store.createFlow(flowInput)),
      );
      expect(new Set(flows.map((flow) => flow.id)).size).toBe(20);
      expect(new Set(flows.map((flow) => flow.state)).size).toBe(20);
    });

    it('runs a flow from pending through a consumed state to completed with a connection', async () => {
      const flow = await subject.store.createFlow(flowInput);
      const result = await subject.store.consumeState(flow.state);
      expect(result.outcome).toBe('consumed');
      if (result.outcome !== 'consumed') return;
      expect(result.flow.id).toBe(flow.id);
      expect(result.flow.pkceVerifier).toBe(flowInput.pkceVerifier);
      expect(result.flow.consumedAt).toBeInstanceOf(Date);

      const connection = await subject.store.completeFlow({
        flowId: flow.id,
        credential: {
          scopes: ['inbox.read'],
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          tokenType: 'Bearer',
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      });
      expect(connection).toMatchObject({
        userId: flowInput.userId,
        providerId: 'testkit',
        scopes: ['inbox.read'],
        status: 'active',
        hasRefreshToken: true,
      });
      const completed = await subject.store.findFlow(flow.id);
      expect(completed?.status).toBe('completed');
      expect(completed?.settledAt).toBeInstanceOf(Date);
      const credential = await subject.store.getCredential(flowInput);
      expect(credential?.accessToken).toBe(tokens.accessToken);
      expect(credential?.refreshToken).toBe(tokens.refreshToken);
    });

    it('accepts a state once: a replay changes nothing', async () => {
      const flow = await subject.store.createFlow(flowInput);
      await subject.store.consumeState(flow.state);
      const afterFirst = await subject.store.findFlow(flow.id);
      expect(await subject.store.consumeState(flow.state)).toEqual({
        outcome: 'already_used',
        flowId: flow.id,
      });
      expect(await subject.store.findFlow(flow.id)).toEqual(afterFirst);
    });

    it('lets exactly one of 25 concurrent callbacks with one state consume it', async () => {
      const flow = await subject.store.createFlow(flowInput);
      const results = await Promise.all(
        Array.from({ length: 25 }, () => subject.store.consumeState(flow.state)),
      );
      expect(results.filter((result) => result.outcome === 'consumed')).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'already_used')).toHaveLength(24);
    });

    it('refuses an expired state and leaves the flow as it was', async () => {
      const flow = await subject.store.createFlow({
        ...flowInput,
        expiresAt: new Date(Date.now() - 1),
      });
      expect(await subject.store.consumeState(flow.state)).toEqual({
        outcome: 'expired',
        flowId: flow.id,
      });
      expect(await subject.store.findFlow(flow.id)).toEqual(flow);
    });

    it('answers unknown for a state it never issued', async () => {
      await subject.store.createFlow(flowInput);
      expect(await subject.store.consumeState('forged-state')).toEqual({ outcome: 'unknown' });
      expect(await subject.store.consumeState('')).toEqual({ outcome: 'unknown' });
    });

    it('fails a pending flow once, and a failed flow neither completes nor accepts its state', async () => {
      const flow = await subject.store.createFlow(flowInput);
      expect(await subject.store.failFlow({ flowId: flow.id, reason: 'access_denied' })).toBe(true);
      expect(await subject.store.failFlow({ flowId: flow.id, reason: 'again' })).toBe(false);
      const failed = await subject.store.findFlow(flow.id);
      expect(failed).toMatchObject({ status: 'failed', failureReason: 'access_denied' });
      expect(await subject.store.consumeState(flow.state)).toEqual({
        outcome: 'already_used',
        flowId: flow.id,
      });
      const completing = subject.store.completeFlow({
        flowId: flow.id,
        credential: { scopes: [], accessToken: tokens.accessToken },
      });
      await expect(completing).rejects.toSatisfy(
        (error) => FlowNotPendingError.isInstance(error) && error.status === 'failed',
      );
      expect(await subject.store.findFlow(flow.id)).toEqual(failed);
      expect(await subject.store.listConnections({ userId: flowInput.userId })).toEqual([]);
    });

    it('refuses to complete a flow it does not know, naming it', async () => {
      await expect(
        subject.store.completeFlow({
          flowId: 'missing',
          credential: { scopes: [], accessToken: 'x' },
        }),
      ).rejects.toThrow(/no authorization flow 'missing'/);
    });

    it('holds a credential until confirmation and stores it only on completion', async () => {
      const flow = await subject.store.createFlow(flowInput);
      await subject.store.consumeState(flow.state);
      await subject.store.holdFlowCredential({
        flowId: flow.id,
        credential: { scopes: ['inbox.read'], accessToken: tokens.accessToken },
      });
      expect((await subject.store.findFlow(flow.id))?.awaitingConfirmation).toBe(true);
      expect(await subject.store.getCredential(flowInput)).toBeUndefined();
      expect(await subject.location.readRaw()).not.toContain(tokens.accessToken);

      await subject.store.completeFlow({ flowId: flow.id });
      expect((await subject.store.findFlow(flow.id))?.awaitingConfirmation).toBe(false);
      expect((await subject.store.getCredential(flowInput))?.accessToken).toBe(tokens.accessToken);
    });

    it('drops a held credential when the flow fails (a user mismatch stores nothing)', async () => {
      const flow = await subject.store.createFlow(flowInput);
      await subject.store.holdFlowCredential({
        flowId: flow.id,
        credential: { scopes: ['inbox.read'], accessToken: tokens.accessToken },
      });
      await subject.store.failFlow({ flowId: flow.id, reason: 'user mismatch' });
      expect(await subject.store.findFlow(flow.id)).toMatchObject({
        status: 'failed',
        awaitingConfirmation: false,
      });
      expect(await subject.store.listConnections({})).toEqual([]);
      await expect(
        subject.store.holdFlowCredential({
          flowId: flow.id,
          credential: { scopes: [], accessToken: 'x' },
        }),
      ).rejects.toSatisfy(FlowNotPendingError.isInstance);
    });

    it('binds a flow to the first browser only; a later binding never replaces it', async () => {
      const flow = await subject.store.createFlow(flowInput);
      const first = 'a'.repeat(64);
      const second = 'b'.repeat(64);
      expect(
        await subject.store.bindFlowToBrowser({ flowId: flow.id, browserBindingHash: first }),
      ).toMatchObject({ id: flow.id, status: 'pending', browserBindingHash: first });
      expect(
        await subject.store.bindFlowToBrowser({ flowId: flow.id, browserBindingHash: second }),
      ).toMatchObject({ browserBindingHash: first });
      expect((await subject.store.findFlow(flow.id))?.browserBindingHash).toBe(first);
      // Kept through the callback's consumption and across a restart.
      await subject.store.consumeState(flow.state);
      expect(
        (await subject.reopen().then((reopened) => reopened.findFlow(flow.id)))?.browserBindingHash,
      ).toBe(first);
      expect(
        await subject.store.bindFlowToBrowser({
          flowId: 'no-such-flow',
          browserBindingHash: first,
        }),
      ).toBeUndefined();
    });

    it('lets exactly one of 10 concurrent bindings win, and binds no settled flow', async () => {
      const flow = await subject.store.createFlow(flowInput);
      const hashes = Array.from({ length: 10 }, (_, index) => String(index).repeat(64));
      const results = await Promise.all(
        hashes.map((hash) =>
          subject.store.bindFlowToBrowser({ flowId: flow.id, browserBindingHash: hash }),
        ),
      );
      const winners = new Set(results.map((result) => result?.browserBindingHash));
      expect(winners.size).toBe(1);
      expect((await subject.store.findFlow(flow.id))?.browserBindingHash).toBe([...winners][0]);

      const failed = await subject.store.createFlow(flowInput);
      await subject.store.failFlow({ flowId: failed.id, reason: 'test' });
      expect(
        await subject.store.bindFlowToBrowser({
          flowId: failed.id,
          browserBindingHash: hashes[0] ?? '',
        }),
      ).toBeUndefined();
      expect((await subject.store.findFlow(failed.id))?.browserBindingHash).toBeUndefined();
    });

    it('prunes flows that expired before a date', async () => {
      const old = await subject.store.createFlow({
        ...flowInput,
        expiresAt: new Date(Date.now() - 60_000),
      });
      const fresh = await subject.store.createFlow(flowInput);
      expect(await subject.store.pruneFlows({ before: new Date() })).toBe(1);
      expect(await subject.store.findFlow(old.id)).toBeUndefined();
      expect(await subject.store.findFlow(fresh.id)).toBeDefined();
    });
  });
}
