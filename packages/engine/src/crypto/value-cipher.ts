import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { DecryptionFailedError } from './decryption-failed-error.js';

// Format: v1.<iv>.<tag>.<ciphertext>, each part base64url. The version prefix lets a later
// format (or key rotation) live beside old rows.
const version = 'v1';
const ivLength = 12;
const tagLength = 16;
const fingerprintLabel = 'toolgrant encryption key fingerprint v1';

/**
 * AES-256-GCM with a fresh 12-byte IV per value. `context` names where a value lives (table,
 * column, row key); it is bound as associated data, so a ciphertext copied into another row
 * does not decrypt.
 */
export class ValueCipher {
  // A KeyObject, prepared once: given raw bytes, every createCipheriv/createDecipheriv call
  // would convert them again, which costs about three times the decryption of a token.
  readonly #key: KeyObject;
  /** HMAC-SHA256 of a fixed label under the key, hex: identifies the key without revealing it. */
  readonly fingerprint: string;

  constructor({ key }: { key: Uint8Array }) {
    if (key.length !== 32) {
      throw new RangeError(`An AES-256 key is 32 bytes; got ${key.length}.`);
    }
    this.#key = createSecretKey(Buffer.from(key));
    this.fingerprint = createHmac('sha256', this.#key).update(fingerprintLabel).digest('hex');
  }

  encrypt({ plaintext, context }: { plaintext: string; context: string }): string {
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: tagLength });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      version,
      iv.toString('base64url'),
      tag.toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  decrypt({ ciphertext, context }: { ciphertext: string; context: string }): string {
    const parts = ciphertext.split('.');
    if (parts.length !== 4 || parts[0] !== version) {
      throw new DecryptionFailedError({
        context,
        problem: `it is not in the ${version} format (v1.<iv>.<tag>.<ciphertext>)`,
      });
    }
    const iv = Buffer.from(parts[1]!, 'base64url');
    const tag = Buffer.from(parts[2]!, 'base64url');
    const body = Buffer.from(parts[3]!, 'base64url');
    if (iv.length !== ivLength || tag.length !== tagLength) {
      throw new DecryptionFailedError({ context, problem: 'its IV or tag has the wrong length' });
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: tagLength });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new DecryptionFailedError({
        context,
        problem: 'its authentication tag does not match',
        cause: error,
      });
    }
  }
}
