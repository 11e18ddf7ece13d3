// The boundary between the HTTP API and whatever holds users' credentials (the OAuth 2.0
// broker on the encrypted store). The API asks; the resolver decides. To answer with a
// particular HTTP status (an unknown flow, a provider that is not configured, a user
// mismatch at confirm_user), throw one of the domain errors that http/api-error-of.ts maps
// (the broker's `AuthorizationNotFoundError`, `ProviderNotConfiguredError`, ...); anything
// else thrown becomes a 500 whose message is not shown to the caller.

/** What a tool (or `POST /v1/auth/authorize`) asks of the user. */
export interface AuthorizationRequirement {
  /** The engine's provider id, for example `google`. */
  providerId: string;
  providerType: 'oauth2' | 'api_key';
  /** Scopes the credential must cover; empty for API keys. */
  scopes: readonly string[];
}

/** Where an authorization stands, as the API reports it. */
export type AuthorizationStatus = 'not_started' | 'pending' | 'completed' | 'failed';

/** An authorization (flow) as the API reports it; never carries a token. */
export interface Authorization {
  /** The flow id, for `GET /v1/auth/status?id=`. */
  id: string;
  status: AuthorizationStatus;
  /** Where to send the user; absent when `completed` at once. */
  url?: string | undefined;
  providerId: string;
  scopes: readonly string[];
  userId: string;
}

/** The user's usable credential for a requirement, or that they must authorize first. */
export type CredentialLookup =
  | { type: 'token'; token: string }
  | { type: 'authorization_required' };

/** A user's connection to a provider, as the admin API lists it (no secrets). */
export interface UserConnection {
  /** Opaque; `DELETE /v1/admin/user_connections/{id}` takes it back. */
  id: string;
  userId: string;
  providerId: string;
  providerType: string;
  scopes: readonly string[];
  /** For example `active` or `needs_reauthorization`. */
  status: string;
}

/** Resolves users' credentials for tool calls and runs their authorizations. */
export interface CredentialResolver {
  /**
   * The access token (refreshed if it expired or is about to) or the user's API key that
   * covers the requirement, for one execution.
   */
  getCredential(options: {
    userId: string;
    requirement: AuthorizationRequirement;
    signal?: AbortSignal | undefined;
  }): Promise<CredentialLookup>;

  /**
   * The user's standing for a requirement, cheaply, for tool listings: `completed` when a
   * credential covering it is held, else `not_started` (or `failed`/`pending`).
   */
  getTokenStatus(options: {
    userId: string;
    requirement: AuthorizationRequirement;
  }): Promise<AuthorizationStatus>;

  /**
   * Starts (or reuses) an authorization flow; `completed` at once when the user already
   * holds a credential covering the requirement's scopes.
   */
  authorize(options: {
    userId: string;
    requirement: AuthorizationRequirement;
    nextUri?: string | undefined;
  }): Promise<Authorization>;

  /**
   * The flow's status. With `waitSeconds` > 0, answers when the flow settles or the wait
   * ends, whichever is first, or when `signal` aborts (the client went away). Throw
   * `AuthorizationNotFoundError` (a 404) for an unknown id.
   */
  getStatus(options: {
    id: string;
    waitSeconds: number;
    signal?: AbortSignal | undefined;
  }): Promise<Authorization>;

  /** `POST /v1/auth/confirm_user`: the application vouches that `userId` completed `flowId`. */
  confirmUser(options: {
    flowId: string;
    userId: string;
  }): Promise<{ authorizationId: string; nextUri?: string | undefined }>;

  listConnections(filter: {
    userId?: string | undefined;
    providerId?: string | undefined;
  }): Promise<UserConnection[]>;

  /** False when there was no such connection. */
  deleteConnection(options: { id: string }): Promise<boolean>;
}
