import { InvalidEncryptionKeyError } from './invalid-encryption-key-error.js';

export const encryptionKeyEnvironmentVariable = 'TOOLGRANT_ENCRYPTION_KEY';

const keyLength = 32;

/**
 * Reads a 32-byte AES-256 key written as hex (64 characters) or base64 / base64url
 * (43 or 44 characters). The key never appears in an error.
 */
export function parseEncryptionKey({
  value,
  environmentVariableName = encryptionKeyEnvironmentVariable,
}: {
  value: string;
  environmentVariableName?: string;
}): Buffer {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new InvalidEncryptionKeyError({ environmentVariableName, problem: 'is empty' });
  }
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    return Buffer.from(trimmed, 'hex');
  }
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed, 'base64');
    if (key.length === keyLength) return key;
  }
  throw new InvalidEncryptionKeyError({
    environmentVariableName,
    problem: `is not a 32-byte key (got ${trimmed.length} characters that are neither 64 hex digits nor 44 base64 characters)`,
  });
}
