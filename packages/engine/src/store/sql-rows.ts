// Rows as the SQL store reads them back: timestamps are epoch milliseconds (PostgreSQL returns
// a bigint as a string, hence `Number`), arrays are JSON text, a missing value is NULL.
import type { ValueCipher } from '../crypto/value-cipher.js';
import type { SqlRow } from './sql-database.js';
import { flowContext, workerContext } from './sql-encryption-contexts.js';
import type {
  AuthFlow,
  AuthFlowStatus,
  Connection,
  ConnectionStatus,
  ProviderType,
  StoredMcpToken,
  StoredRuntimeWorker,
} from './store.js';

/** An `auth_flows` row, with its state and PKCE verifier decrypted. */
export function toFlow(row: SqlRow, cipher: ValueCipher): AuthFlow {
  const id = String(row.id);
  return {
    id,
    state: cipher.decrypt({
      ciphertext: String(row.state_encrypted),
      context: flowContext('state', id),
    }),
    userId: String(row.user_id),
    providerId: String(row.provider_id),
    providerType: row.provider_type as ProviderType,
    scopes: parseScopes(row.scopes),
    pkceVerifier:
      row.pkce_verifier_encrypted === null
        ? undefined
        : cipher.decrypt({
            ciphertext: String(row.pkce_verifier_encrypted),
            context: flowContext('pkce_verifier', id),
          }),
    redirectUri: optionalString(row.redirect_uri),
    nextUri: optionalString(row.next_uri),
    status: row.status as AuthFlowStatus,
    failureReason: optionalString(row.failure_reason),
    consumedAt: optionalDate(row.consumed_at),
    awaitingConfirmation: row.held_credential_encrypted !== null,
    browserBindingHash: optionalString(row.browser_binding_hash),
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    settledAt: optionalDate(row.settled_at),
    exchangeStartedAt: optionalDate(row.exchange_started_at),
  };
}

/** A `connections` row without its credential. */
export function toConnection(row: SqlRow): Connection {
  return {
    userId: String(row.user_id),
    providerId: String(row.provider_id),
    providerType: row.provider_type as ProviderType,
    scopes: parseScopes(row.scopes),
    status: row.status as ConnectionStatus,
    tokenType: optionalString(row.token_type),
    expiresAt: optionalDate(row.expires_at),
    hasRefreshToken: Number(row.has_refresh_token) === 1,
    refreshStartedAt: optionalDate(row.refresh_started_at),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** A `runtime_workers` row, with its secret decrypted. */
export function toRuntimeWorker(row: SqlRow, cipher: ValueCipher): StoredRuntimeWorker {
  const id = String(row.id);
  return {
    id,
    url: String(row.url),
    secret: cipher.decrypt({
      ciphertext: String(row.secret_encrypted),
      context: workerContext(id),
    }),
    timeoutMs: Number(row.timeout_ms),
    retry: { attempts: Number(row.retry_attempts), backoffMs: Number(row.retry_backoff_ms) },
    healthCheckIntervalMs: Number(row.health_check_interval_ms),
    enabled: Number(row.enabled) === 1,
    toolkits: parseNames(row.toolkits),
    revision: String(row.revision),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** An `mcp_tokens` row. */
export function toMcpToken(row: SqlRow): StoredMcpToken {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    toolkits: row.toolkits === null ? undefined : (JSON.parse(String(row.toolkits)) as string[]),
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    revokedAt: row.revoked_at === null ? undefined : new Date(Number(row.revoked_at)),
  };
}

/** A `scopes` column: a JSON array of scope names. */
export function parseScopes(value: unknown): string[] {
  return JSON.parse(String(value)) as string[];
}

/** A JSON array of names, such as a runtime worker's `toolkits`. */
export function parseNames(value: unknown): string[] {
  return JSON.parse(String(value)) as string[];
}

/** The values in their first order, each once. */
export function unique(scopes: string[]): string[] {
  return [...new Set(scopes)];
}

function optionalString(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function optionalDate(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : new Date(Number(value));
}
