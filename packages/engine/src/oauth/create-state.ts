import { randomBytes } from 'node:crypto';

/** An unguessable OAuth `state`: 256 random bits, base64url (43 characters). */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}
