import { ToolgrantError } from '@toolgrant/core';
import type { ValueCipher } from '../crypto/value-cipher.js';
import { FlowNotPendingError } from './flow-not-pending-error.js';
import type { SqlConnections } from './sql-connections.js';
import type { SqlDatabase, SqlQueryable } from './sql-database.js';
import { flowContext } from './sql-encryption-contexts.js';
import { parseScopes, unique } from './sql-rows.js';
import type { Connection, FlowCredential, ProviderType } from './store.js';

/**
 * How a pending flow settles after its callback: a credential held until confirmation, then
 * completed into a connection or failed; and code exchanges whose process died, found and
 * failed. Every settlement is published, so waiters on any process wake.
 */
export class SqlFlowSettlement {
  readonly #database: SqlDatabase;
  readonly #cipher: ValueCipher;
  readonly #connections: SqlConnections;

  constructor({
    database,
    cipher,
    connections,
  }: {
    database: SqlDatabase;
    cipher: ValueCipher;
    /** Completing a flow saves its connection in the same transaction. */
    connections: SqlConnections;
  }) {
    this.#database = database;
    this.#cipher = cipher;
    this.#connections = connections;
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
      return this.#connections.saveConnectionIn(transaction, {
        ...chosen,
        userId: String(row.user_id),
        providerId: String(row.provider_id),
        providerType: row.provider_type as ProviderType,
        scopes: unique([...parseScopes(row.scopes), ...chosen.scopes]),
      });
    });
    await this.#database.publishFlowSettled(flowId);
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
    await this.#database.publishFlowSettled(flowId);
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

  async #notPending(flowId: string, executor: SqlQueryable = this.#database) {
    const [row] = await executor.query('SELECT status FROM auth_flows WHERE id = $1', [flowId]);
    return new FlowNotPendingError({
      flowId,
      status: row === undefined ? undefined : String(row.status),
    });
  }
}

// A held credential went through JSON: its expiry comes back as a string.
function reviveFlowCredential(json: string): FlowCredential {
  const parsed = JSON.parse(json) as Omit<FlowCredential, 'expiresAt'> & { expiresAt?: string };
  return {
    ...parsed,
    expiresAt: parsed.expiresAt === undefined ? undefined : new Date(parsed.expiresAt),
  };
}

function exchangeLockKey(flowId: string): string {
  return `exchange:${flowId}`;
}
