// What the engine keeps: authorization flows, users' connections (OAuth tokens and API keys),
// secrets. Every secret field is encrypted at rest; methods here take and return plaintext.

/** Where an authorization flow is: waiting for the user, done, or failed. */
export type AuthFlowStatus = 'pending' | 'completed' | 'failed';
/** How a provider grants access: OAuth 2.0 tokens or a user's API key. */
export type ProviderType = 'oauth2' | 'api_key';

/** An authorization flow as stored, secrets decrypted. */
export type AuthFlow = {
  id: string;
  /** Opaque, single-use; sent to the provider as `state`. */
  state: string;
  userId: string;
  providerId: string;
  providerType: ProviderType;
  scopes: string[];
  /** PKCE code verifier (S256); undefined when the provider has PKCE off or for API keys. */
  pkceVerifier: string | undefined;
  redirectUri: string | undefined;
  nextUri: string | undefined;
  status: AuthFlowStatus;
  failureReason: string | undefined;
  /** When the callback consumed `state`; a consumed state is never accepted again. */
  consumedAt: Date | undefined;
  /** A credential held until the application confirms the user (`confirm_user`). */
  awaitingConfirmation: boolean;
  /**
   * SHA-256 (hex) of the browser-binding secret of the browser that opened the flow's link
   * first; undefined until a browser opened it. Never the secret itself.
   */
  browserBindingHash: string | undefined;
  createdAt: Date;
  expiresAt: Date;
  settledAt: Date | undefined;
  /** When the callback began exchanging the code; set until the flow settles. */
  exchangeStartedAt: Date | undefined;
};

/** What a new authorization flow is created with. */
export type CreateAuthFlowInput = {
  userId: string;
  providerId: string;
  providerType: ProviderType;
  scopes: string[];
  pkceVerifier?: string | undefined;
  redirectUri?: string | undefined;
  nextUri?: string | undefined;
  /** Default: ten minutes from now. */
  expiresAt?: Date;
};

/** The callback's `state` lookup. Only `consumed` changed anything. */
export type ConsumeStateResult =
  | { outcome: 'consumed'; flow: AuthFlow }
  | { outcome: 'unknown' }
  | { outcome: 'already_used'; flowId: string }
  | { outcome: 'expired'; flowId: string };

/** Whether a connection can be used, or needs the user to authorize again. */
export type ConnectionStatus = 'active' | 'needs_reauthorization';

/** A connection as listed: everything but the secrets. */
export type Connection = {
  userId: string;
  providerId: string;
  providerType: ProviderType;
  /** Every scope granted so far; new grants add to it. */
  scopes: string[];
  status: ConnectionStatus;
  tokenType: string | undefined;
  /** When the access token expires; undefined for tokens without a lifetime and API keys. */
  expiresAt: Date | undefined;
  hasRefreshToken: boolean;
  /**
   * When a refresh request went to the provider whose answer was not saved yet: in flight,
   * or interrupted (the engine stopped, the provider never answered).
   */
  refreshStartedAt: Date | undefined;
  createdAt: Date;
  updatedAt: Date;
};

/** A connection with its decrypted secrets, for the execute context of the tool that needs it. */
export type Credential = Connection & {
  /** The OAuth access token, or the user's API key for `api_key` providers. */
  accessToken: string;
  refreshToken: string | undefined;
};

/** What a user's connection is saved with: tokens or API key, scopes and expiry. */
export type SaveConnectionInput = {
  userId: string;
  providerId: string;
  providerType: ProviderType;
  /** Added to the scopes already granted. */
  scopes: string[];
  accessToken: string;
  /** When omitted, an existing refresh token is kept (providers often send it only once). */
  refreshToken?: string | undefined;
  tokenType?: string | undefined;
  expiresAt?: Date | undefined;
};

/** Identifies a user's connection to a provider. */
export type ConnectionKey = { userId: string; providerId: string };

/** A secret's key and scope (engine-wide when `userId` is undefined), without its value. */
export type SecretKey = { key: string; userId: string | undefined; updatedAt: Date };

/** Called when a watched flow settles. */
export type FlowSettledListener = () => void;

/** A worker added through POST /v1/workers, kept so it survives restarts and is shared. */
export type RuntimeWorker = {
  id: string;
  /** Normalised (as `new URL` writes it), without a trailing slash. */
  url: string;
  secret: string;
  timeoutMs: number;
  retry: { attempts: number; backoffMs: number };
  healthCheckIntervalMs: number;
  enabled: boolean;
  /** The toolkit names, in lower case, the worker was admitted to serve; no other worker holds them. */
  toolkits: string[];
};

/** A runtime worker as stored, with the revision of its last save. */
export type StoredRuntimeWorker = RuntimeWorker & {
  /** New on every save: tells a replaced worker from the one loaded before. */
  revision: string;
  createdAt: Date;
  updatedAt: Date;
};

/** What `saveRuntimeWorker` did. Only `saved` changed anything. */
export type SaveRuntimeWorkerResult =
  | { outcome: 'saved'; worker: StoredRuntimeWorker }
  | { outcome: 'id_taken' }
  | { outcome: 'replaced_not_found' }
  | { outcome: 'toolkit_taken'; toolkit: string; workerId: string };

/** A user-scoped MCP token as stored: its hash, never the token. */
export type StoredMcpToken = {
  id: string;
  userId: string;
  /** Lower-case toolkit names; undefined: every toolkit. */
  toolkits: string[] | undefined;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | undefined;
};

/** The engine's encrypted store of flows, connections, secrets and runtime workers. */
export interface Store {
  /** Where the data lives, for messages: a file path or a redacted database URL and schema. */
  readonly location: string;

  createFlow(input: CreateAuthFlowInput): Promise<AuthFlow>;
  findFlow(flowId: string): Promise<AuthFlow | undefined>;
  /**
   * Atomically marks the flow holding `state` as consumed. Of any number of concurrent calls
   * with one state, exactly one gets `consumed`; a replayed, expired or unknown state changes
   * nothing.
   */
  consumeState(state: string): Promise<ConsumeStateResult>;
  /**
   * Binds a pending flow to the browser that opened its link: the first binding wins, and
   * later calls never replace it. Returns the flow as it is afterwards (its
   * `browserBindingHash` is the winner's), or undefined when the flow is unknown or not
   * pending.
   */
  bindFlowToBrowser(input: {
    flowId: string;
    browserBindingHash: string;
  }): Promise<AuthFlow | undefined>;
  /**
   * Keeps the credential from the code exchange, encrypted on the flow, until `completeFlow`
   * (after `confirm_user`) or `failFlow` (which discards it).
   */
  holdFlowCredential(input: { flowId: string; credential: FlowCredential }): Promise<void>;
  /**
   * In one transaction: saves the credential (given, or the one held on the flow) as the
   * flow's user's connection and marks the flow completed; then notifies its listeners.
   * Throws `FlowNotPendingError` when the flow is not pending.
   */
  completeFlow(input: { flowId: string; credential?: FlowCredential }): Promise<Connection>;
  /** Marks a pending flow failed and drops any held credential; false when it was not pending. */
  failFlow(input: { flowId: string; reason: string }): Promise<boolean>;
  /**
   * The newest pending flow of this user and provider that the user can still open in any
   * browser: not opened yet (a link is bound to the first browser that opens it), not
   * consumed, no exchange started, no credential held, the same redirect and next URIs, its
   * scopes covering `input.scopes`, expiring after `reusableUntil`. Else a new flow. One at a
   * time per user and provider (across processes on PostgreSQL), so concurrent calls agree.
   */
  findOrCreateFlow(
    input: CreateAuthFlowInput & { reusableUntil: Date },
  ): Promise<{ flow: AuthFlow; reused: boolean }>;
  /**
   * Runs `exchange` (the code exchange and settling the flow) while the flow is marked as
   * exchanging and a lock shows this process is alive, so that `failInterruptedExchanges`
   * can tell an exchange in progress from one whose process died.
   */
  withCodeExchange<T>(flowId: string, exchange: () => Promise<T>): Promise<T>;
  /**
   * Fails (reason `code_exchange_interrupted`) and notifies every pending flow — or only
   * `flowId` — whose code exchange started in a process that is gone; returns their ids.
   */
  failInterruptedExchanges(filter?: { flowId?: string }): Promise<string[]>;
  /** Deletes flows that expired before `before`; returns how many. */
  pruneFlows(input: { before: Date }): Promise<number>;

  /** Calls `listener` when the flow may have settled (here or on another engine process). */
  onFlowSettled(flowId: string, listener: FlowSettledListener): () => void;
  notifyFlowSettled(flowId: string): Promise<void>;

  /** Upsert: scopes accumulate, status becomes active, a refresh attempt marker is cleared. */
  saveConnection(input: SaveConnectionInput): Promise<Connection>;
  getCredential(key: ConnectionKey): Promise<Credential | undefined>;
  listConnections(filter: { userId?: string; providerId?: string }): Promise<Connection[]>;
  /** Records that a refresh request is about to go to the provider (`refreshStartedAt`). */
  beginRefreshAttempt(key: ConnectionKey): Promise<void>;
  /** Clears the marker after a refresh the provider answered without new tokens. */
  endRefreshAttempt(key: ConnectionKey): Promise<void>;
  /** After a refresh the provider rejected (`invalid_grant`); false when there is no connection. */
  markNeedsReauthorization(key: ConnectionKey): Promise<boolean>;
  deleteConnection(key: ConnectionKey): Promise<boolean>;
  deleteConnections(filter: { userId: string }): Promise<number>;

  /**
   * Runs `refresh` for one user and provider at a time. Callers that arrive while a refresh
   * for the same key is in flight in this process share its result; across processes on one
   * PostgreSQL database a transaction-level advisory lock makes them wait, so `refresh` must
   * re-read the credential first and return early when another process already refreshed it.
   */
  withRefreshLock<T>(key: ConnectionKey, refresh: () => Promise<T>): Promise<T>;

  /** Engine-wide secrets when `userId` is undefined, else that user's. */
  setSecret(input: { key: string; value: string; userId?: string | undefined }): Promise<void>;
  getSecret(input: { key: string; userId?: string | undefined }): Promise<string | undefined>;
  deleteSecret(input: { key: string; userId?: string | undefined }): Promise<boolean>;
  listSecretKeys(filter: { userId?: string | undefined }): Promise<SecretKey[]>;

  /** Runtime workers, oldest first. */
  listRuntimeWorkers(): Promise<StoredRuntimeWorker[]>;
  /**
   * In one transaction, serialised across processes: adds `worker`, or with `replaces` swaps
   * that worker for it. Refuses an id in use (unless it is the one replaced), a `replaces`
   * that names no runtime worker, and a toolkit another runtime worker holds.
   */
  saveRuntimeWorker(input: {
    worker: RuntimeWorker;
    replaces?: string | undefined;
  }): Promise<SaveRuntimeWorkerResult>;
  /** False when there was no such runtime worker. */
  deleteRuntimeWorker(id: string): Promise<boolean>;

  /** Keeps a new MCP token's hash, user, toolkits and expiry; returns it with its new id. */
  createMcpToken(input: {
    tokenHash: string;
    userId: string;
    toolkits: readonly string[] | undefined;
    expiresAt: Date;
  }): Promise<StoredMcpToken>;
  /** The token with this hash, revoked or expired ones included. */
  findMcpToken(tokenHash: string): Promise<StoredMcpToken | undefined>;
  /** Revokes a token for good; false when there is no such token or it was revoked already. */
  revokeMcpToken(id: string): Promise<boolean>;
  /**
   * Records that a consent round's request state was used. Of any number of calls with one id,
   * across processes, exactly one gets true.
   */
  spendMcpRequestState(input: { id: string; expiresAt: Date }): Promise<boolean>;
  /** Deletes MCP tokens and spent request states that expired before `before`; returns how many. */
  pruneMcpRecords(input: { before: Date }): Promise<number>;

  close(): Promise<void>;
}

/** The credential a completed flow saves as the user's connection. */
export type FlowCredential = Omit<SaveConnectionInput, 'userId' | 'providerId' | 'providerType'>;
