// Where each ciphertext lives: table, column and row key, bound to it as associated data, so a
// ciphertext copied into another row does not decrypt. Stored rows were sealed with exactly
// these strings: changing one makes existing data unreadable.
import type { ConnectionKey } from './store.js';

/** The context of an `auth_flows` column (`state`, `pkce_verifier`, `held_credential`). */
export function flowContext(column: string, flowId: string): string {
  return `auth_flows.${column}:${flowId}`;
}

/** The context of a connection's credential; also the key of its save lock. */
export function connectionContext(key: ConnectionKey): string {
  return `connections.credential:${JSON.stringify([key.userId, key.providerId])}`;
}

/** The context of a secret's value; `owner` is the user id, or '' for engine-wide secrets. */
export function secretContext(owner: string, key: string): string {
  return `secrets.value:${JSON.stringify([owner, key])}`;
}

/** The context of a runtime worker's shared secret. */
export function workerContext(workerId: string): string {
  return `runtime_workers.secret:${workerId}`;
}
