import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRequestStateStore } from './request-state.js';

// The seal of a consent round's requestState: what the engine sealed opens until it expires;
// anything else — another key's seal, a changed byte, a re-encoded string — does not.

const round = {
  userId: 'alice',
  principal: 'api_key',
  tool: 'Inbox.ListMessages@1.0.0',
  argumentsDigest: 'digest',
  flowId: 'flow-1',
  url: 'https://engine.example/v1/oauth/start/flow-1',
  providerId: 'testkit',
  scopes: ['inbox.read'],
};

function storeAt(now: { value: number }, key = randomBytes(32)) {
  const spent = new Set<string>();
  return createRequestStateStore({
    encryptionKey: key,
    spend: async ({ id }) => !spent.has(id) && Boolean(spent.add(id)),
    ttlSeconds: 600,
    clock: () => new Date(now.value),
  });
}

describe('createRequestStateStore', () => {
  it('opens what it sealed, with a fresh id and the expiry, until it expires', () => {
    const now = { value: Date.UTC(2026, 11, 5) };
    const states = storeAt(now);
    const sealed = states.seal(round);
    expect(sealed).not.toContain('alice');
    expect(sealed).not.toContain('flow-1');
    const opened = states.open(sealed);
    expect(opened).toMatchObject({ ...round, expiresAt: now.value + 600_000 });
    expect(states.open(states.seal(round))?.id).not.toBe(opened?.id);
    now.value += 600_000;
    expect(states.open(sealed)).toBeUndefined();
  });

  it('refuses a changed byte, a re-encoding, a truncation and another engine key', () => {
    const now = { value: Date.now() };
    const key = randomBytes(32);
    const states = storeAt(now, key);
    const sealed = states.seal(round);
    const parts = sealed.split('.');
    const flipped = [...sealed]
      .map((character, index) =>
        index === sealed.length - 3 ? (character === 'A' ? 'B' : 'A') : character,
      )
      .join('');
    for (const forged of [
      flipped,
      `${sealed}x`,
      `${sealed}=`,
      sealed.slice(0, -4),
      parts.slice(0, 3).join('.'),
      '',
      'v1....',
      storeAt(now).seal(round),
    ]) {
      expect(states.open(forged)).toBeUndefined();
    }
    expect(storeAt(now, key).open(sealed)).toMatchObject(round);
  });

  it('spends a state once', async () => {
    const states = storeAt({ value: Date.now() });
    const opened = states.open(states.seal(round));
    if (opened === undefined) throw new Error('the state did not open');
    expect(await states.spend(opened)).toBe(true);
    expect(await states.spend(opened)).toBe(false);
  });
});
