import { ToolgrantError } from '@toolgrant/core';

const marker = 'toolgrant.error.EncryptionKeyMismatchError';
const symbol = Symbol.for(marker);

/** The database was written under another encryption key; reading on would give garbage. */
export class EncryptionKeyMismatchError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly location: string;
  /** The first characters of the stored key's fingerprint (a keyed hash, never the key). */
  readonly storedFingerprint: string;
  readonly givenFingerprint: string;

  constructor({
    location,
    storedFingerprint,
    givenFingerprint,
  }: {
    location: string;
    storedFingerprint: string;
    givenFingerprint: string;
  }) {
    const stored = storedFingerprint.slice(0, 8);
    const given = givenFingerprint.slice(0, 8);
    super({
      name: 'EncryptionKeyMismatchError',
      message:
        `The database at ${location} was encrypted with another TOOLGRANT_ENCRYPTION_KEY ` +
        `(fingerprint ${stored}…; the key given has ${given}…); start with the original key or ` +
        'point to a new data directory or database.',
    });
    this.location = location;
    this.storedFingerprint = stored;
    this.givenFingerprint = given;
  }

  static override isInstance(error: unknown): error is EncryptionKeyMismatchError {
    return ToolgrantError.hasMarker(error, marker);
  }
}
