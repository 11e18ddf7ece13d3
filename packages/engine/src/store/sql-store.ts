import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ToolgrantError } from '@toolgrant/core';
import type { ValueCipher } from '../crypto/value-cipher.js';
import { EncryptionKeyMismatchError } from './encryption-key-mismatch-error.js';
import { FlowNotPendingError } from './flow-not-pending-error.js';
import { migrations } from './migrations.js';
import type {
  SqlDatabase,
  SqlQueryable,
  SqlRow,
  SqlTransaction,
  SqlValue,
} from './sql-database.js';
import type {
  AuthFlow,
  AuthFlowStatus,
  Connection,
  ConnectionKey,
  ConnectionStatus,
  ConsumeStateResult,
  CreateAuthFlowInput,
  Credential,
  FlowCredential,
  FlowSettledListener,
  ProviderType,
  RuntimeWorker,
  SaveConnectionInput,
  SaveRuntimeWorkerResult,
  SecretKey,
  Store,
  StoredMcpToken,
  StoredRuntimeWorker,
} from './store.js';

const flowLifetimeMs = 10 * 60 * 1000;
const fingerprintKey = 'encryption_key_fingerprint';

/** The `Store` over any `SqlDatabase`; `SqliteStore` and `PostgresStore` open one. */
export class SqlStore implements Store {
  readonly location: string;
  readonly #database: SqlDatabase;
  readonly #cipher: ValueCipher;
  readonly #refreshes = new Map<string, Promise<unknown>>();
  readonly #flowListeners = new Map<string, Set<FlowSettledListener>>();

  protected constructor({ database, cipher }: { database: SqlDatabase; cipher: ValueCipher }) {
    this.#database = database;
    this.#cipher = cipher;
    this.location = database.location;
  }

  /** Migrates, checks the key's fingerprint and starts listening for settled flows. */
  protected async initialize(): Promise<void> {
    await this.#database.transaction(async (transaction) => {
      await transaction.lock('toolgrant:migrations');
      await transaction.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at bigint NOT NULL)',
      );
      const rows = await transaction.query('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => Number(row.version)));
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        for (const statement of migration.statements) await transaction.query(statement);
        await transaction.query(
          'INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)',
          [migration.version, migration.description, Date.now()],
        );
      }

      await transaction.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
        [fingerprintKey, this.#cipher.fingerprint],
      );
      const [stored] = await transaction.query('SELECT value FROM meta WHERE key = $1', [
        fingerprintKey,
      ]);
      const storedFingerprint = String(stored?.value);
      if (storedFingerprint !== this.#cipher.fingerprint) {
        throw new EncryptionKeyMismatchError({
          location: this.location,
          storedFingerprint,
          givenFingerprint: this.#cipher.fingerprint,
        });
      }
    });
    await this.#database.subscribeFlowSettled({
      deliver: (flowId) => this.#deliverFlowSettled(flowId),
      resynchronize: () => {
        for (const flowId of [...this.#flowListeners.keys()]) this.#deliverFlowSettled(flowId);
      },
    });
  }

  async createFlow(input: CreateAuthFlowInput): Promise<AuthFlow> {
    return this.#insertFlow(this.#database, input);
  }

  async findOrCreateFlow(
    input: CreateAuthFlowInput & { reusableUntil: Date },
  ): Promise<{ flow: AuthFlow; reused: boolean }> {
    return this.#database.transaction(async (transaction) => {
      // Concurrent calls for one user and provider take turns, so the second finds the first's flow.
      await transaction.lock(`flows:${JSON.stringify([input.userId, input.providerId])}`);
      const rows = await transaction.query(
        `SELECT * FROM auth_flows
         WHERE user_id = $1 AND provider_id = $2 AND provider_type = $3 AND status = 'pending'
           AND consumed_at IS NULL AND exchange_started_at IS NULL AND browser_binding_hash IS NULL
           AND held_credential_encrypted IS NULL AND expires_at > $4
         ORDER BY created_at DESC`,
        [input.userId, input.providerId, input.providerType, input.reusableUntil.getTime()],
      );
      for (const row of rows) {
        const flow = this.#toFlow(row);
        if (
          flow.redirectUri === input.redirectUri &&
          flow.nextUri === input.nextUri &&
          input.scopes.every((scope) => flow.scopes.includes(scope))
        ) {
          return { flow, reused: true };
        }
      }
      return { flow: await this.#insertFlow(transaction, input), reused: false };
    });
  }

  async #insertFlow(executor: SqlQueryable, input: CreateAuthFlowInput): Promise<AuthFlow> {
    const id = randomUUID();
    const state = randomBytes(32).toString('base64url');
    const now = Date.now();
    const expiresAt = input.expiresAt?.getTime() ?? now + flowLifetimeMs;
    const [row] = await executor.query(
      `INSERT INTO auth_flows (id, state_hash, state_encrypted, user_id, provider_id, provider_type,
         scopes, pkce_verifier_encrypted, redirect_uri, next_uri, status, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12) RETURNING *`,
      [
        id,
        hashState(state),
        this.#cipher.encrypt({ plaintext: state, context: flowContext('state', id) }),
        input.userId,
        input.providerId,
        input.providerType,
        JSON.stringify(unique(input.scopes)),
        input.pkceVerifier === undefined
          ? null
          : this.#cipher.encrypt({
              plaintext: input.pkceVerifier,
              context: flowContext('pkce_verifier', id),
            }),
        input.redirectUri ?? null,
        input.nextUri ?? null,
        now,
        expiresAt,
      ],
    );
    return this.#toFlow(row!);
  }

  async findFlow(flowId: string): Promise<AuthFlow | undefined> {
    const [row] = await this.#database.query('SELECT * FROM auth_flows WHERE id = $1', [flowId]);
    return row === undefined ? undefined : this.#toFlow(row);
  }

  async consumeState(state: string): Promise<ConsumeStateResult> {
    const stateHash = hashState(state);
    const now = Date.now();
    // One conditional UPDATE: of concurrent callbacks with one state, exactly one matches.
    const [consumed] = await this.#database.query(
      `UPDATE auth_flows SET consumed_at = $1
       WHERE state_hash = $2 AND consumed_at IS NULL AND status = 'pending' AND expires_at > $1
       RETURNING *`,
      [now, stateHash],
    );
    if (consumed !== undefined) return { outcome: 'consumed', flow: this.#toFlow(consumed) };

    const [row] = await this.#database.query(
      'SELECT id, consumed_at, status, expires_at FROM auth_flows WHERE state_hash = $1',
      [stateHash],
    );
    if (row === undefined) return { outcome: 'unknown' };
    const flowId = String(row.id);
    if (row.consumed_at !== null || row.status !== 'pending') {
      return { outcome: 'already_used', flowId };
    }
    return { outcome: 'expired', flowId };
  }

  async bindFlowToBrowser({
    flowId,
    browserBindingHash,
  }: {
    flowId: string;
    browserBindingHash: string;
  }): Promise<AuthFlow | undefined> {
    // One conditional UPDATE: of two browsers opening the link at once, exactly one binds it.
    const [bound] = await this.#database.query(
      `UPDATE auth_flows SET browser_binding_hash = $1
       WHERE id = $2 AND browser_binding_hash IS NULL AND status = 'pending' RETURNING *`,
      [browserBindingHash, flowId],
    );
    if (bound !== undefined) return this.#toFlow(bound);
    const flow = await this.findFlow(flowId);
    return flow?.status === 'pending' ? flow : undefined;
  }

  async holdFlowCredential({
    flowId,
    credential,
  }: {
    flowId: string;
    credential: FlowCredential;
  }): Promise<void> {
    const rows = await this.#database.query(
      `UPDATE auth_flows SET held_credential_encrypted = $1 WHERE id = $2 AND status = 'pending'
       RETURNING id`,
      [
        this.#cipher.encrypt({
          plaintext: JSON.stringify(credential),
          context: flowContext('held_credential', flowId),
        }),
        flowId,
      ],
    );
    if (rows.length === 0) throw await this.#notPending(flowId);
  }

  async completeFlow({
    flowId,
    credential,
  }: {
    flowId: string;
    credential?: FlowCredential;
  }): Promise<Connection> {
    const connection = await this.#database.transaction(async (transaction) => {
      const [row] = await transaction.query(
        `UPDATE auth_flows SET status = 'completed', settled_at = $1
         WHERE id = $2 AND status = 'pending' RETURNING *`,
        [Date.now(), flowId],
      );
      if (row === undefined) throw await this.#notPending(flowId, transaction);
      const held =
        row.held_credential_encrypted === null
          ? undefined
          : reviveFlowCredential(
              this.#cipher.decrypt({
                ciphertext: String(row.held_credential_encrypted),
                context: flowContext('held_credential', flowId),
              }),
            );
      const chosen = credential ?? held;
      if (chosen === undefined) {
        throw new ToolgrantError({
          name: 'ToolgrantError',
          message: `completeFlow('${flowId}') needs a credential: pass one, or hold one on the flow first with holdFlowCredential.`,
        });
      }
      if (held !== undefined) {
        await transaction.query(
          'UPDATE auth_flows SET held_credential_encrypted = NULL WHERE id = $1',
          [flowId],
        );
      }
      return this.#saveConnectionIn(transaction, {
        ...chosen,
        userId: String(row.user_id),
        providerId: String(row.provider_id),
        providerType: row.provider_type as ProviderType,
        scopes: unique([...parseScopes(row.scopes), ...chosen.scopes]),
      });
    });
    await this.notifyFlowSettled(flowId);
    return connection;
  }

  async failFlow({ flowId, reason }: { flowId: string; reason: string }): Promise<boolean> {
    const rows = await this.#database.query(
      `UPDATE auth_flows SET status = 'failed', failure_reason = $1, settled_at = $2,
         held_credential_encrypted = NULL
       WHERE id = $3 AND status = 'pending' RETURNING id`,
      [reason, Date.now(), flowId],
    );
    if (rows.length === 0) return false;
    await this.notifyFlowSettled(flowId);
    return true;
  }

  async withCodeExchange<T>(flowId: string, exchange: () => Promise<T>): Promise<T> {
    return this.#database.withCrossProcessLock(exchangeLockKey(flowId), async () => {
      await this.#database.query(
        `UPDATE auth_flows SET exchange_started_at = $1 WHERE id = $2 AND status = 'pending'`,
        [Date.now(), flowId],
      );
      return exchange();
    });
  }

  async failInterruptedExchanges({ flowId }: { flowId?: string } = {}): Promise<string[]> {
    const rows = await this.#database.query(
      `SELECT id FROM auth_flows
       WHERE status = 'pending' AND exchange_started_at IS NOT NULL
         AND held_credential_encrypted IS NULL${flowId === undefined ? '' : ' AND id = $1'}`,
      flowId === undefined ? [] : [flowId],
    );
    const failed: string[] = [];
    for (const row of rows) {
      const id = String(row.id);
      // An exchange marks its flow only while holding the lock: marked and free means its
      // process is gone (or it ended without settling the flow), and the code is spent.
      if (await this.#database.isCrossProcessLockHeld(exchangeLockKey(id))) continue;
      if (await this.failFlow({ flowId: id, reason: 'code_exchange_interrupted' })) failed.push(id);
    }
    return failed;
  }

  async pruneFlows({ before }: { before: Date }): Promise<number> {
    const rows = await this.#database.query(
      'DELETE FROM auth_flows WHERE expires_at < $1 RETURNING id',
      [before.getTime()],
    );
    return rows.length;
  }

  onFlowSettled(flowId: string, listener: FlowSettledListener): () => void {
    let listeners = this.#flowListeners.get(flowId);
    if (listeners === undefined) {
      listeners = new Set();
      this.#flowListeners.set(flowId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#flowListeners.get(flowId) === listeners) {
        this.#flowListeners.delete(flowId);
      }
    };
  }

  async notifyFlowSettled(flowId: string): Promise<void> {
    await this.#database.publishFlowSettled(flowId);
  }

  #deliverFlowSettled(flowId: string): void {
    const listeners = this.#flowListeners.get(flowId);
    if (listeners === undefined) return;
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        // One failing waiter must not keep the others asleep.
        process.emitWarning(error instanceof Error ? error : String(error));
      }
    }
  }

  async saveConnection(input: SaveConnectionInput): Promise<Connection> {
    return this.#database.transaction((transaction) => this.#saveConnectionIn(transaction, input));
  }

  async #saveConnectionIn(
    transaction: SqlTransaction,
    input: SaveConnectionInput,
  ): Promise<Connection> {
    const context = connectionContext(input);
    await transaction.lock(context);
    const [existing] = await transaction.query(
      'SELECT scopes, credential_encrypted FROM connections WHERE user_id = $1 AND provider_id = $2',
      [input.userId, input.providerId],
    );
    const scopes = unique([...(existing ? parseScopes(existing.scopes) : []), ...input.scopes]);
    const refreshToken =
      input.refreshToken ??
      (existing === undefined
        ? undefined
        : this.#decryptCredential(String(existing.credential_encrypted), context).refreshToken);
    const now = Date.now();
    const [row] = await transaction.query(
      `INSERT INTO connections (user_id, provider_id, provider_type, scopes, status, token_type,
         expires_at, credential_encrypted, has_refresh_token, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8, $9, $9)
       ON CONFLICT (user_id, provider_id) DO UPDATE SET
         provider_type = excluded.provider_type, scopes = excluded.scopes, status = 'active',
         token_type = excluded.token_type, expires_at = excluded.expires_at,
         credential_encrypted = excluded.credential_encrypted,
         has_refresh_token = excluded.has_refresh_token, updated_at = excluded.updated_at,
         refresh_started_at = NULL
       RETURNING *`,
      [
        input.userId,
        input.providerId,
        input.providerType,
        JSON.stringify(scopes),
        input.tokenType ?? null,
        input.expiresAt?.getTime() ?? null,
        this.#cipher.encrypt({
          plaintext: JSON.stringify({ accessToken: input.accessToken, refreshToken }),
          context,
        }),
        refreshToken === undefined ? 0 : 1,
        now,
      ],
    );
    return toConnection(row!);
  }

  async getCredential(key: ConnectionKey): Promise<Credential | undefined> {
    const [row] = await this.#database.query(
      'SELECT * FROM connections WHERE user_id = $1 AND provider_id = $2',
      [key.userId, key.providerId],
    );
    if (row === undefined) return undefined;
    const secrets = this.#decryptCredential(
      String(row.credential_encrypted),
      connectionContext(key),
    );
    return { ...toConnection(row), ...secrets };
  }

  async listConnections(filter: { userId?: string; providerId?: string }): Promise<Connection[]> {
    const conditions: string[] = [];
    const parameters: SqlValue[] = [];
    for (const [column, value] of [
      ['user_id', filter.userId],
      ['provider_id', filter.providerId],
    ] as const) {
      if (value === undefined) continue;
      parameters.push(value);
      conditions.push(`${column} = $${parameters.length}`);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = await this.#database.query(
      `SELECT user_id, provider_id, provider_type, scopes, status, token_type, expires_at,
         has_refresh_token, refresh_started_at, created_at, updated_at
       FROM connections ${where} ORDER BY user_id, provider_id`,
      parameters,
    );
    return rows.map(toConnection);
  }

  async beginRefreshAttempt(key: ConnectionKey): Promise<void> {
    await this.#database.query(
      'UPDATE connections SET refresh_started_at = $1 WHERE user_id = $2 AND provider_id = $3',
      [Date.now(), key.userId, key.providerId],
    );
  }

  async endRefreshAttempt(key: ConnectionKey): Promise<void> {
    await this.#database.query(
      'UPDATE connections SET refresh_started_at = NULL WHERE user_id = $1 AND provider_id = $2',
      [key.userId, key.providerId],
    );
  }

  async markNeedsReauthorization(key: ConnectionKey): Promise<boolean> {
    const rows = await this.#database.query(
      `UPDATE connections SET status = 'needs_reauthorization', updated_at = $1,
         refresh_started_at = NULL
       WHERE user_id = $2 AND provider_id = $3 RETURNING user_id`,
      [Date.now(), key.userId, key.providerId],
    );
    return rows.length > 0;
  }

  async deleteConnection(key: ConnectionKey): Promise<boolean> {
    const rows = await this.#database.query(
      'DELETE FROM connections WHERE user_id = $1 AND provider_id = $2 RETURNING user_id',
      [key.userId, key.providerId],
    );
    return rows.length > 0;
  }

  async deleteConnections({ userId }: { userId: string }): Promise<number> {
    const rows = await this.#database.query(
      'DELETE FROM connections WHERE user_id = $1 RETURNING user_id',
      [userId],
    );
    return rows.length;
  }

  withRefreshLock<T>(key: ConnectionKey, refresh: () => Promise<T>): Promise<T> {
    const lockKey = `refresh:${JSON.stringify([key.userId, key.providerId])}`;
    const inFlight = this.#refreshes.get(lockKey);
    if (inFlight !== undefined) return inFlight as Promise<T>;
    const run = this.#database
      .withCrossProcessLock(lockKey, refresh)
      .finally(() => this.#refreshes.delete(lockKey));
    this.#refreshes.set(lockKey, run);
    return run;
  }

  async setSecret({
    key,
    value,
    userId,
  }: {
    key: string;
    value: string;
    userId?: string | undefined;
  }): Promise<void> {
    const owner = userId ?? '';
    await this.#database.query(
      `INSERT INTO secrets (user_id, key, value_encrypted, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO UPDATE SET
         value_encrypted = excluded.value_encrypted, updated_at = excluded.updated_at`,
      [
        owner,
        key,
        this.#cipher.encrypt({ plaintext: value, context: secretContext(owner, key) }),
        Date.now(),
      ],
    );
  }

  async getSecret({
    key,
    userId,
  }: {
    key: string;
    userId?: string | undefined;
  }): Promise<string | undefined> {
    const owner = userId ?? '';
    const [row] = await this.#database.query(
      'SELECT value_encrypted FROM secrets WHERE user_id = $1 AND key = $2',
      [owner, key],
    );
    if (row === undefined) return undefined;
    return this.#cipher.decrypt({
      ciphertext: String(row.value_encrypted),
      context: secretContext(owner, key),
    });
  }

  async deleteSecret({
    key,
    userId,
  }: {
    key: string;
    userId?: string | undefined;
  }): Promise<boolean> {
    const rows = await this.#database.query(
      'DELETE FROM secrets WHERE user_id = $1 AND key = $2 RETURNING key',
      [userId ?? '', key],
    );
    return rows.length > 0;
  }

  async listSecretKeys({ userId }: { userId?: string | undefined }): Promise<SecretKey[]> {
    const rows = await this.#database.query(
      'SELECT key, updated_at FROM secrets WHERE user_id = $1 ORDER BY key',
      [userId ?? ''],
    );
    return rows.map((row) => ({
      key: String(row.key),
      userId,
      updatedAt: new Date(Number(row.updated_at)),
    }));
  }

  async listRuntimeWorkers(): Promise<StoredRuntimeWorker[]> {
    const rows = await this.#database.query(
      'SELECT * FROM runtime_workers ORDER BY created_at, id',
    );
    return rows.map((row) => this.#toRuntimeWorker(row));
  }

  async saveRuntimeWorker({
    worker,
    replaces,
  }: {
    worker: RuntimeWorker;
    replaces?: string | undefined;
  }): Promise<SaveRuntimeWorkerResult> {
    return this.#database.transaction(async (transaction) => {
      // One registration at a time, across processes: the toolkit check and the insert agree.
      await transaction.lock('toolgrant:runtime_workers');
      const rows = await transaction.query('SELECT id, toolkits FROM runtime_workers');
      const existing = new Map(rows.map((row) => [String(row.id), parseNames(row.toolkits)]));
      if (replaces !== undefined && !existing.has(replaces)) {
        return { outcome: 'replaced_not_found' };
      }
      if (worker.id !== replaces && existing.has(worker.id)) return { outcome: 'id_taken' };
      for (const [workerId, toolkits] of existing) {
        if (workerId === replaces) continue;
        const toolkit = worker.toolkits.find((name) => toolkits.includes(name));
        if (toolkit !== undefined) return { outcome: 'toolkit_taken', toolkit, workerId };
      }
      const now = Date.now();
      const [createdAt] =
        replaces === undefined
          ? []
          : await transaction.query(
              'DELETE FROM runtime_workers WHERE id = $1 RETURNING created_at',
              [replaces],
            );
      const [row] = await transaction.query(
        `INSERT INTO runtime_workers (id, url, secret_encrypted, timeout_ms, retry_attempts,
           retry_backoff_ms, health_check_interval_ms, enabled, toolkits, revision, created_at,
           updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [
          worker.id,
          worker.url,
          this.#cipher.encrypt({ plaintext: worker.secret, context: workerContext(worker.id) }),
          worker.timeoutMs,
          worker.retry.attempts,
          worker.retry.backoffMs,
          worker.healthCheckIntervalMs,
          worker.enabled ? 1 : 0,
          JSON.stringify(unique(worker.toolkits)),
          randomUUID(),
          // A worker replaced under its own id keeps its place in the order.
          worker.id === replaces && createdAt !== undefined ? Number(createdAt.created_at) : now,
          now,
        ],
      );
      return { outcome: 'saved', worker: this.#toRuntimeWorker(row!) };
    });
  }

  async deleteRuntimeWorker(id: string): Promise<boolean> {
    const rows = await this.#database.query(
      'DELETE FROM runtime_workers WHERE id = $1 RETURNING id',
      [id],
    );
    return rows.length > 0;
  }

  async createMcpToken({
    tokenHash,
    userId,
    toolkits,
    expiresAt,
  }: {
    tokenHash: string;
    userId: string;
    toolkits: readonly string[] | undefined;
    expiresAt: Date;
  }): Promise<StoredMcpToken> {
    const [row] = await this.#database.query(
      `INSERT INTO mcp_tokens (id, token_hash, user_id, toolkits, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        `mcpt_${randomUUID()}`,
        tokenHash,
        userId,
        toolkits === undefined ? null : JSON.stringify(toolkits),
        Date.now(),
        expiresAt.getTime(),
      ],
    );
    return toMcpToken(row as SqlRow);
  }

  async findMcpToken(tokenHash: string): Promise<StoredMcpToken | undefined> {
    const [row] = await this.#database.query('SELECT * FROM mcp_tokens WHERE token_hash = $1', [
      tokenHash,
    ]);
    return row === undefined ? undefined : toMcpToken(row);
  }

  async revokeMcpToken(id: string): Promise<boolean> {
    const rows = await this.#database.query(
      'UPDATE mcp_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id, Date.now()],
    );
    return rows.length > 0;
  }

  async spendMcpRequestState({ id, expiresAt }: { id: string; expiresAt: Date }): Promise<boolean> {
    const rows = await this.#database.query(
      `INSERT INTO mcp_spent_request_states (id, expires_at) VALUES ($1, $2)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, expiresAt.getTime()],
    );
    return rows.length > 0;
  }

  async pruneMcpRecords({ before }: { before: Date }): Promise<number> {
    const tokens = await this.#database.query(
      'DELETE FROM mcp_tokens WHERE expires_at < $1 RETURNING id',
      [before.getTime()],
    );
    const states = await this.#database.query(
      'DELETE FROM mcp_spent_request_states WHERE expires_at < $1 RETURNING id',
      [before.getTime()],
    );
    return tokens.length + states.length;
  }

  async close(): Promise<void> {
    // A refresh still waiting for its answer (its caller gave up) must get to save it.
    await Promise.allSettled([...this.#refreshes.values()]);
    this.#flowListeners.clear();
    await this.#database.close();
  }

  #toFlow(row: SqlRow): AuthFlow {
    const id = String(row.id);
    return {
      id,
      state: this.#cipher.decrypt({
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
          : this.#cipher.decrypt({
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

  #toRuntimeWorker(row: SqlRow): StoredRuntimeWorker {
    const id = String(row.id);
    return {
      id,
      url: String(row.url),
      secret: this.#cipher.decrypt({
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

  #decryptCredential(
    ciphertext: string,
    context: string,
  ): { accessToken: string; refreshToken: string | undefined } {
    const parsed = JSON.parse(this.#cipher.decrypt({ ciphertext, context })) as {
      accessToken: string;
      refreshToken?: string;
    };
    return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
  }

  async #notPending(flowId: string, executor: SqlQueryable = this.#database) {
    const [row] = await executor.query('SELECT status FROM auth_flows WHERE id = $1', [flowId]);
    return new FlowNotPendingError({
      flowId,
      status: row === undefined ? undefined : String(row.status),
    });
  }
}

function toConnection(row: SqlRow): Connection {
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

// A held credential went through JSON: its expiry comes back as a string.
function reviveFlowCredential(json: string): FlowCredential {
  const parsed = JSON.parse(json) as Omit<FlowCredential, 'expiresAt'> & { expiresAt?: string };
  return {
    ...parsed,
    expiresAt: parsed.expiresAt === undefined ? undefined : new Date(parsed.expiresAt),
  };
}

// The state is looked up by its hash, so the index never holds a usable state.
function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

function flowContext(column: string, flowId: string): string {
  return `auth_flows.${column}:${flowId}`;
}

function exchangeLockKey(flowId: string): string {
  return `exchange:${flowId}`;
}

function connectionContext(key: ConnectionKey): string {
  return `connections.credential:${JSON.stringify([key.userId, key.providerId])}`;
}

function secretContext(owner: string, key: string): string {
  return `secrets.value:${JSON.stringify([owner, key])}`;
}

function workerContext(workerId: string): string {
  return `runtime_workers.secret:${workerId}`;
}

function parseScopes(value: unknown): string[] {
  return JSON.parse(String(value)) as string[];
}

function parseNames(value: unknown): string[] {
  return JSON.parse(String(value)) as string[];
}

function unique(scopes: string[]): string[] {
  return [...new Set(scopes)];
}

function optionalString(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function optionalDate(value: unknown): Date | undefined {
  return value === null || value === undefined ? undefined : new Date(Number(value));
}

function toMcpToken(row: SqlRow): StoredMcpToken {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    toolkits: row.toolkits === null ? undefined : (JSON.parse(String(row.toolkits)) as string[]),
    createdAt: new Date(Number(row.created_at)),
    expiresAt: new Date(Number(row.expires_at)),
    revokedAt: row.revoked_at === null ? undefined : new Date(Number(row.revoked_at)),
  };
}
