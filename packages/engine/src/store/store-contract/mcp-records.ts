import { describe, expect, it } from 'vitest';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on MCP tokens and spent consent states. */
export function describeMcpRecords(subject: StoreUnderTest): void {
  describe('MCP tokens and consent states', () => {
    const tokenHash = 'a'.repeat(64);

    it('keeps a token by its hash with user, toolkits and expiry, and revokes it once', async () => {
      const expiresAt = new Date(Date.now() + 60_000);
      const created = await subject.store.createMcpToken({
        tokenHash,
        userId: 'user-a@example.com',
        toolkits: ['gmail', 'github'],
        expiresAt,
      });
      expect(created).toMatchObject({
        userId: 'user-a@example.com',
        toolkits: ['gmail', 'github'],
        expiresAt,
        revokedAt: undefined,
      });
      const all = await subject.store.createMcpToken({
        tokenHash: 'b'.repeat(64),
        userId: 'user-b',
        toolkits: undefined,
        expiresAt,
      });
      expect(all.toolkits).toBeUndefined();
      expect(await (await subject.reopen()).findMcpToken(tokenHash)).toEqual(created);
      expect(await subject.store.findMcpToken('c'.repeat(64))).toBeUndefined();

      expect(await subject.store.revokeMcpToken(created.id)).toBe(true);
      expect(await subject.store.revokeMcpToken(created.id)).toBe(false);
      expect(await subject.store.revokeMcpToken('no-such-token')).toBe(false);
      expect((await subject.store.findMcpToken(tokenHash))?.revokedAt).toBeInstanceOf(Date);
      expect((await subject.store.findMcpToken('b'.repeat(64)))?.revokedAt).toBeUndefined();
    });

    it('spends a consent state once, and prunes what expired', async () => {
      const later = new Date(Date.now() + 60_000);
      const earlier = new Date(Date.now() - 1_000);
      expect(await subject.store.spendMcpRequestState({ id: 'state-1', expiresAt: later })).toBe(
        true,
      );
      expect(await subject.store.spendMcpRequestState({ id: 'state-1', expiresAt: later })).toBe(
        false,
      );
      expect(await subject.store.spendMcpRequestState({ id: 'state-2', expiresAt: earlier })).toBe(
        true,
      );
      await subject.store.createMcpToken({
        tokenHash,
        userId: 'u',
        toolkits: undefined,
        expiresAt: earlier,
      });

      expect(await subject.store.pruneMcpRecords({ before: new Date() })).toBe(2);
      expect(await subject.store.findMcpToken(tokenHash)).toBeUndefined();
      expect(await subject.store.spendMcpRequestState({ id: 'state-1', expiresAt: later })).toBe(
        false,
      );
    });
  });
}
