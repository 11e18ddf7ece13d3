import { hkdfSync, randomUUID } from 'node:crypto';
import { ValueCipher } from '../crypto/value-cipher.js';

// The `requestState` of a consent round (protocol 2026-07-28): what the engine needs to resume
// a `tools/call` once the user has consented. It travels through the client, so it is sealed
// (AES-256-GCM under a key derived from the engine's encryption key), bound to the user,
// principal, tool, arguments and flow, expires, and is accepted once.

/** What a consent round remembers about the call it interrupted. */
export interface ConsentRoundState {
  /** Single use: the id under which its use is recorded. */
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  readonly userId: string;
  readonly principal: string;
  /** `Toolkit.Tool@version`. */
  readonly tool: string;
  /** SHA-256 of the arguments' canonical JSON. */
  readonly argumentsDigest: string;
  /** The authorization flow the user was sent to, and its link. */
  readonly flowId: string;
  readonly url: string;
  readonly providerId: string;
  readonly scopes: readonly string[];
}

/** Seals, opens and spends consent-round states. */
export interface RequestStateStore {
  /** A sealed state with a fresh id and expiry. */
  seal(state: Omit<ConsentRoundState, 'id' | 'expiresAt'>): string;
  /** The state, or undefined when it is not one this engine sealed or it expired. */
  open(sealed: string): ConsentRoundState | undefined;
  /** Records the state's use; false when it was used before (a replay). */
  spend(state: ConsentRoundState): Promise<boolean>;
}

/** The request-state store of an engine: sealed under its encryption key, spent in its store. */
export function createRequestStateStore({
  encryptionKey,
  spend,
  ttlSeconds,
  clock,
}: {
  /** The engine's 32-byte encryption key; the seal uses a key derived from it. */
  encryptionKey: Uint8Array;
  /** Records a state's id until it expires; false when it was recorded before. */
  spend: (input: { id: string; expiresAt: Date }) => Promise<boolean>;
  ttlSeconds: number;
  clock: () => Date;
}): RequestStateStore {
  // A key of its own: a request state can never be taken for a stored value, nor the reverse.
  const cipher = new ValueCipher({
    key: new Uint8Array(hkdfSync('sha256', encryptionKey, new Uint8Array(), sealInfo, 32)),
  });
  return {
    seal(state) {
      const sealed: ConsentRoundState = {
        ...state,
        id: randomUUID(),
        expiresAt: clock().getTime() + ttlSeconds * 1000,
      };
      return cipher.encrypt({ plaintext: JSON.stringify(sealed), context: sealContext });
    },
    open(sealed) {
      if (!isCanonical(sealed)) return undefined;
      let state: ConsentRoundState;
      try {
        state = JSON.parse(cipher.decrypt({ ciphertext: sealed, context: sealContext }));
      } catch {
        return undefined;
      }
      return state.expiresAt > clock().getTime() ? state : undefined;
    },
    spend: (state) => spend({ id: state.id, expiresAt: new Date(state.expiresAt) }),
  };
}

/**
 * Only the exact string sealed is accepted: base64url decoding forgives trailing or padding
 * characters, so `state + 'x'` would otherwise open as the same state.
 */
function isCanonical(sealed: string): boolean {
  const parts = sealed.split('.');
  return (
    parts.length === 4 &&
    parts.slice(1).every((part) => Buffer.from(part, 'base64url').toString('base64url') === part)
  );
}

const sealInfo = 'toolgrant mcp requestState v1';
const sealContext = 'mcp.requestState';
