import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionFailedError } from './decryption-failed-error.js';
import { ValueCipher } from './value-cipher.js';

const context = 'connections.credential:["user-a","testkit"]';

describe('ValueCipher', () => {
  const cipher = new ValueCipher({ key: randomBytes(32) });

  it('round-trips a value through the versioned v1.<iv>.<tag>.<ciphertext> format', () => {
    const ciphertext = cipher.encrypt({ plaintext: 'access-token-ü✓', context });
    expect(ciphertext).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(ciphertext).not.toContain('access-token');
    expect(cipher.decrypt({ ciphertext, context })).toBe('access-token-ü✓');
  });

  it('uses a fresh IV for every value, so equal plaintexts never look alike', () => {
    const values = Array.from({ length: 100 }, () =>
      cipher.encrypt({ plaintext: 'same', context }),
    );
    expect(new Set(values).size).toBe(100);
    expect(new Set(values.map((value) => value.split('.')[1])).size).toBe(100);
  });

  it('refuses a tampered ciphertext, tag or IV with a clear error instead of garbage', () => {
    const ciphertext = cipher.encrypt({ plaintext: 'refresh-token', context });
    const [version, iv, tag, body] = ciphertext.split('.') as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64url');
    };
    for (const tampered of [
      [version, iv, tag, flip(body)],
      [version, iv, flip(tag), body],
      [version, flip(iv), tag, body],
    ]) {
      expect(() => cipher.decrypt({ ciphertext: tampered.join('.'), context })).toThrow(
        `The stored value for ${context} could not be decrypted: its authentication tag does not match`,
      );
    }
  });

  it('refuses a value moved to another context (row) or read under another key', () => {
    const ciphertext = cipher.encrypt({ plaintext: 'token', context });
    const moved = () =>
      cipher.decrypt({ ciphertext, context: 'connections.credential:["user-b","testkit"]' });
    expect(moved).toThrow(DecryptionFailedError);
    const otherKey = new ValueCipher({ key: randomBytes(32) });
    let caught: unknown;
    try {
      otherKey.decrypt({ ciphertext, context });
    } catch (error) {
      caught = error;
    }
    expect(DecryptionFailedError.isInstance(caught)).toBe(true);
  });

  it('refuses values that are not in its format', () => {
    for (const ciphertext of ['plaintext', 'v2.a.b.c', 'v1.a.b', 'v1.AAAA.AAAA.AAAA']) {
      expect(() => cipher.decrypt({ ciphertext, context })).toThrow(/could not be decrypted/);
    }
  });

  it('fingerprints the key with a keyed hash that does not reveal it', () => {
    const key = randomBytes(32);
    const fingerprint = new ValueCipher({ key }).fingerprint;
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(new ValueCipher({ key }).fingerprint).toBe(fingerprint);
    expect(new ValueCipher({ key: randomBytes(32) }).fingerprint).not.toBe(fingerprint);
    expect(fingerprint).not.toContain(key.toString('hex'));
  });

  it('accepts only 32-byte keys', () => {
    expect(() => new ValueCipher({ key: randomBytes(16) })).toThrow(
      'An AES-256 key is 32 bytes; got 16.',
    );
  });
});
