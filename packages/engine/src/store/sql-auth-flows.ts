import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ValueCipher } from '../crypto/value-cipher.js';
import type { SqlDatabase, SqlQueryable } from './sql-database.js';
import { flowContext } from './sql-encryption-contexts.js';
import { toFlow, unique } from './sql-rows.js';
import type { AuthFlow, ConsumeStateResult, CreateAuthFlowInput } from './store.js';

const flowLifetimeMs = 10 * 60 * 1000;

/**
 * Authorization flows in `auth_flows` up to their callback: issued or reused, found, their
 * state consumed once, bound to one browser, pruned. Settling them is `SqlFlowSettlement`'s.
 */
export class SqlAuthFlows {
  readonly #database: SqlDatabase;
  readonly #cipher: ValueCipher;

  constructor({ database, cipher }: { database: SqlDatabase; cipher: ValueCipher }) {
    this.#database = database;
    this.#cipher = cipher;
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
        const flow = toFlow(row, this.#cipher);
        if (
          flow.redirectUri === input.redirectUri &&
          flow.nextUri === input.nextUri &&
          input.scopes.every((scope) => flow.scopes.includes(scope))
        ) {
          return { flow, reused: true };
        }
      }
      // "Newest" must be strict: a flow created in the same millisecond as the newest one here
      // would tie with it, and the next call could hand out either. Under the lock above no
      // other reusable flow for this user and provider is inserted meanwhile.
      const newest = rows[0];
      const createdAt =
        newest === undefined ? Date.now() : Math.max(Date.now(), Number(newest.created_at) + 1);
      return { flow: await this.#insertFlow(transaction, input, createdAt), reused: false };
    });
  }

  async #insertFlow(
    executor: SqlQueryable,
    input: CreateAuthFlowInput,
    now = Date.now(),
  ): Promise<AuthFlow> {
    const id = randomUUID();
    const state = randomBytes(32).toString('base64url');
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
    return toFlow(row!, this.#cipher);
  }

  async findFlow(flowId: string): Promise<AuthFlow | undefined> {
    const [row] = await this.#database.query('SELECT * FROM auth_flows WHERE id = $1', [flowId]);
    return row === undefined ? undefined : toFlow(row, this.#cipher);
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
    if (consumed !== undefined)
      return { outcome: 'consumed', flow: toFlow(consumed, this.#cipher) };

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
    if (bound !== undefined) return toFlow(bound, this.#cipher);
    const flow = await this.findFlow(flowId);
    return flow?.status === 'pending' ? flow : undefined;
  }

  async pruneFlows({ before }: { before: Date }): Promise<number> {
    const rows = await this.#database.query(
      'DELETE FROM auth_flows WHERE expires_at < $1 RETURNING id',
      [before.getTime()],
    );
    return rows.length;
  }
}

// The state is looked up by its hash, so the index never holds a usable state.
function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}
