import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidEncryptionKeyError } from './invalid-encryption-key-error.js';
import { parseEncryptionKey } from './parse-encryption-key.js';

describe('parseEncryptionKey', () => {
  const key = randomBytes(32);

  it('reads 32 bytes written as hex, base64 or base64url', () => {
    for (const value of [
      key.toString('hex'),
      key.toString('hex').toUpperCase(),
      key.toString('base64'),
      key.toString('base64url'),
      ` ${key.toString('base64')}\n`,
    ]) {
      expect(parseEncryptionKey({ value })).toEqual(key);
    }
  });

  it('names the variable and the expected format, never the value', () => {
    const short = randomBytes(16).toString('base64');
    let caught: unknown;
    try {
      parseEncryptionKey({ value: short });
    } catch (error) {
      caught = error;
    }
    expect(InvalidEncryptionKeyError.isInstance(caught)).toBe(true);
    const message = (caught as Error).message;
    expect(message).toMatch(/^TOOLGRANT_ENCRYPTION_KEY is not a 32-byte key \(got 24 characters/);
    expect(message).toContain(
      '32 random bytes written as base64 (44 characters) or hex (64 characters)',
    );
    expect(message).toContain('openssl rand -base64 32');
    expect(message).not.toContain(short);
  });

  it('refuses empty, too long and non-key values', () => {
    expect(() => parseEncryptionKey({ value: '  ' })).toThrow('TOOLGRANT_ENCRYPTION_KEY is empty');
    expect(() => parseEncryptionKey({ value: randomBytes(33).toString('hex') })).toThrow(
      InvalidEncryptionKeyError,
    );
    expect(() => parseEncryptionKey({ value: 'correct horse battery staple' })).toThrow(
      /not a 32-byte key/,
    );
    expect(() => parseEncryptionKey({ value: 'x', environmentVariableName: 'MY_KEY' })).toThrow(
      /^MY_KEY is not a 32-byte key/,
    );
  });
});
