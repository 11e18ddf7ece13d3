import type { ValueCipher } from '../crypto/value-cipher.js';
import { FlowSettledListeners } from './flow-settled-listeners.js';
import { prepareSqlDatabase } from './prepare-sql-database.js';
import { SqlAuthFlows } from './sql-auth-flows.js';
import { SqlConnections } from './sql-connections.js';
import type { SqlDatabase } from './sql-database.js';
import { SqlFlowSettlement } from './sql-flow-settlement.js';
import { SqlMcpRecords } from './sql-mcp-records.js';
import { SqlRefreshLocks } from './sql-refresh-locks.js';
import { SqlRuntimeWorkers } from './sql-runtime-workers.js';
import { SqlSecrets } from './sql-secrets.js';
import type {
  AuthFlow,
  Connection,
  ConnectionKey,
  ConsumeStateResult,
  CreateAuthFlowInput,
  Credential,
  FlowCredential,
  FlowSettledListener,
  RuntimeWorker,
  SaveConnectionInput,
  SaveRuntimeWorkerResult,
  SecretKey,
  Store,
  StoredMcpToken,
  StoredRuntimeWorker,
} from './store.js';

/**
 * The `Store` over any `SqlDatabase`; `SqliteStore` and `PostgresStore` open one. Each table's
 * queries live in their own part (`SqlAuthFlows`, `SqlConnections`, …); this class wires the
 * parts to one database and cipher and hands each call to its part.
 */
export class SqlStore implements Store {
  readonly location: string;
  readonly #database: SqlDatabase;
  readonly #cipher: ValueCipher;
  readonly #flows: SqlAuthFlows;
  readonly #settlement: SqlFlowSettlement;
  readonly #listeners = new FlowSettledListeners();
  readonly #connections: SqlConnections;
  readonly #refreshLocks: SqlRefreshLocks;
  readonly #secrets: SqlSecrets;
  readonly #workers: SqlRuntimeWorkers;
  readonly #mcpRecords: SqlMcpRecords;

  protected constructor({ database, cipher }: { database: SqlDatabase; cipher: ValueCipher }) {
    this.#database = database;
    this.#cipher = cipher;
    this.location = database.location;
    this.#flows = new SqlAuthFlows({ database, cipher });
    this.#connections = new SqlConnections({ database, cipher });
    this.#settlement = new SqlFlowSettlement({
      database,
      cipher,
      connections: this.#connections,
    });
    this.#refreshLocks = new SqlRefreshLocks({ database });
    this.#secrets = new SqlSecrets({ database, cipher });
    this.#workers = new SqlRuntimeWorkers({ database, cipher });
    this.#mcpRecords = new SqlMcpRecords({ database });
  }

  /** Migrates, checks the key's fingerprint and starts listening for settled flows. */
  protected async initialize(): Promise<void> {
    await prepareSqlDatabase({ database: this.#database, cipher: this.#cipher });
    await this.#database.subscribeFlowSettled({
      deliver: (flowId) => this.#listeners.deliver(flowId),
      resynchronize: () => this.#listeners.deliverAll(),
    });
  }

  async createFlow(input: CreateAuthFlowInput): Promise<AuthFlow> {
    return this.#flows.createFlow(input);
  }

  async findOrCreateFlow(
    input: CreateAuthFlowInput & { reusableUntil: Date },
  ): Promise<{ flow: AuthFlow; reused: boolean }> {
    return this.#flows.findOrCreateFlow(input);
  }

  async findFlow(flowId: string): Promise<AuthFlow | undefined> {
    return this.#flows.findFlow(flowId);
  }

  async consumeState(state: string): Promise<ConsumeStateResult> {
    return this.#flows.consumeState(state);
  }

  async bindFlowToBrowser(input: {
    flowId: string;
    browserBindingHash: string;
  }): Promise<AuthFlow | undefined> {
    return this.#flows.bindFlowToBrowser(input);
  }

  async pruneFlows(input: { before: Date }): Promise<number> {
    return this.#flows.pruneFlows(input);
  }

  async holdFlowCredential(input: { flowId: string; credential: FlowCredential }): Promise<void> {
    return this.#settlement.holdFlowCredential(input);
  }

  async completeFlow(input: { flowId: string; credential?: FlowCredential }): Promise<Connection> {
    return this.#settlement.completeFlow(input);
  }

  async failFlow(input: { flowId: string; reason: string }): Promise<boolean> {
    return this.#settlement.failFlow(input);
  }

  async withCodeExchange<T>(flowId: string, exchange: () => Promise<T>): Promise<T> {
    return this.#settlement.withCodeExchange(flowId, exchange);
  }

  async failInterruptedExchanges(filter: { flowId?: string } = {}): Promise<string[]> {
    return this.#settlement.failInterruptedExchanges(filter);
  }

  onFlowSettled(flowId: string, listener: FlowSettledListener): () => void {
    return this.#listeners.add(flowId, listener);
  }

  async notifyFlowSettled(flowId: string): Promise<void> {
    await this.#database.publishFlowSettled(flowId);
  }

  async saveConnection(input: SaveConnectionInput): Promise<Connection> {
    return this.#connections.saveConnection(input);
  }

  async getCredential(key: ConnectionKey): Promise<Credential | undefined> {
    return this.#connections.getCredential(key);
  }

  async listConnections(filter: { userId?: string; providerId?: string }): Promise<Connection[]> {
    return this.#connections.listConnections(filter);
  }

  async beginRefreshAttempt(key: ConnectionKey): Promise<void> {
    return this.#connections.beginRefreshAttempt(key);
  }

  async endRefreshAttempt(key: ConnectionKey): Promise<void> {
    return this.#connections.endRefreshAttempt(key);
  }

  async markNeedsReauthorization(key: ConnectionKey): Promise<boolean> {
    return this.#connections.markNeedsReauthorization(key);
  }

  async deleteConnection(key: ConnectionKey): Promise<boolean> {
    return this.#connections.deleteConnection(key);
  }

  async deleteConnections(filter: { userId: string }): Promise<number> {
    return this.#connections.deleteConnections(filter);
  }

  withRefreshLock<T>(key: ConnectionKey, refresh: () => Promise<T>): Promise<T> {
    return this.#refreshLocks.withRefreshLock(key, refresh);
  }

  async setSecret(input: {
    key: string;
    value: string;
    userId?: string | undefined;
  }): Promise<void> {
    return this.#secrets.setSecret(input);
  }

  async getSecret(input: {
    key: string;
    userId?: string | undefined;
  }): Promise<string | undefined> {
    return this.#secrets.getSecret(input);
  }

  async deleteSecret(input: { key: string; userId?: string | undefined }): Promise<boolean> {
    return this.#secrets.deleteSecret(input);
  }

  async listSecretKeys(filter: { userId?: string | undefined }): Promise<SecretKey[]> {
    return this.#secrets.listSecretKeys(filter);
  }

  async listRuntimeWorkers(): Promise<StoredRuntimeWorker[]> {
    return this.#workers.listRuntimeWorkers();
  }

  async saveRuntimeWorker(input: {
    worker: RuntimeWorker;
    replaces?: string | undefined;
  }): Promise<SaveRuntimeWorkerResult> {
    return this.#workers.saveRuntimeWorker(input);
  }

  async deleteRuntimeWorker(id: string): Promise<boolean> {
    return this.#workers.deleteRuntimeWorker(id);
  }

  async createMcpToken(input: {
    tokenHash: string;
    userId: string;
    toolkits: readonly string[] | undefined;
    expiresAt: Date;
  }): Promise<StoredMcpToken> {
    return this.#mcpRecords.createMcpToken(input);
  }

  async findMcpToken(tokenHash: string): Promise<StoredMcpToken | undefined> {
    return this.#mcpRecords.findMcpToken(tokenHash);
  }

  async revokeMcpToken(id: string): Promise<boolean> {
    return this.#mcpRecords.revokeMcpToken(id);
  }

  async spendMcpRequestState(input: { id: string; expiresAt: Date }): Promise<boolean> {
    return this.#mcpRecords.spendMcpRequestState(input);
  }

  async pruneMcpRecords(input: { before: Date }): Promise<number> {
    return this.#mcpRecords.pruneMcpRecords(input);
  }

  async close(): Promise<void> {
    // A refresh still waiting for its answer (its caller gave up) must get to save it.
    await this.#refreshLocks.settled();
    this.#listeners.clear();
    await this.#database.close();
  }
}
