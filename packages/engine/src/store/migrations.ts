// Versioned, append-only. Each runs once, in the transaction that records it. The DDL is
// valid on SQLite and PostgreSQL alike (SQLite gives `bigint` columns integer affinity).

/** One schema change: its version, what it does, and its SQL statements. */
export type Migration = { version: number; description: string; statements: string[] };

export const migrations: Migration[] = [
  {
    version: 1,
    description: 'meta, auth flows, connections, secrets',
    statements: [
      `CREATE TABLE meta (
        key text PRIMARY KEY,
        value text NOT NULL
      )`,
      `CREATE TABLE auth_flows (
        id text PRIMARY KEY,
        state_hash text NOT NULL UNIQUE,
        state_encrypted text NOT NULL,
        user_id text NOT NULL,
        provider_id text NOT NULL,
        provider_type text NOT NULL,
        scopes text NOT NULL,
        pkce_verifier_encrypted text,
        redirect_uri text,
        next_uri text,
        status text NOT NULL,
        failure_reason text,
        held_credential_encrypted text,
        consumed_at bigint,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        settled_at bigint
      )`,
      'CREATE INDEX auth_flows_expires_at ON auth_flows (expires_at)',
      `CREATE TABLE connections (
        user_id text NOT NULL,
        provider_id text NOT NULL,
        provider_type text NOT NULL,
        scopes text NOT NULL,
        status text NOT NULL,
        token_type text,
        expires_at bigint,
        credential_encrypted text NOT NULL,
        has_refresh_token integer NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (user_id, provider_id)
      )`,
      // Engine-wide secrets have user_id '' (a primary key column cannot be null).
      `CREATE TABLE secrets (
        user_id text NOT NULL,
        key text NOT NULL,
        value_encrypted text NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (user_id, key)
      )`,
    ],
  },
  {
    version: 2,
    description: 'workers added at runtime',
    statements: [
      // toolkits: the toolkit names (lower case, JSON) the worker was admitted to serve; a
      // name belongs to one runtime worker at a time. revision changes on every save, so
      // engine processes can tell a replaced worker from the one they loaded.
      `CREATE TABLE runtime_workers (
        id text PRIMARY KEY,
        url text NOT NULL,
        secret_encrypted text NOT NULL,
        timeout_ms bigint NOT NULL,
        retry_attempts integer NOT NULL,
        retry_backoff_ms bigint NOT NULL,
        health_check_interval_ms bigint NOT NULL,
        enabled integer NOT NULL,
        toolkits text NOT NULL,
        revision text NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    description: 'auth flows bound to the browser that opened them',
    statements: [
      // The SHA-256 of the browser-binding cookie set by GET /v1/oauth/start (or the API-key
      // form); the callback and the form submission must come with that cookie.
      'ALTER TABLE auth_flows ADD COLUMN browser_binding_hash text',
    ],
  },
  {
    version: 4,
    description: 'crash recovery: code exchange and refresh attempt markers',
    statements: [
      // Set while the callback exchanges the flow's code; a pending flow with it set whose
      // exchanging process is gone was interrupted (the code is spent) and is failed.
      'ALTER TABLE auth_flows ADD COLUMN exchange_started_at bigint',
      // Set before a refresh request goes to the provider, cleared with the tokens it returns.
      'ALTER TABLE connections ADD COLUMN refresh_started_at bigint',
    ],
  },
  {
    version: 5,
    description: 'MCP: user-scoped tokens and spent consent-round states',
    statements: [
      // Only the SHA-256 of a token is kept; toolkits: lower-case names as a JSON array, or
      // null for every toolkit.
      `CREATE TABLE mcp_tokens (
        id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        user_id text NOT NULL,
        toolkits text,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        revoked_at bigint
      )`,
      'CREATE INDEX mcp_tokens_expires_at ON mcp_tokens (expires_at)',
      // A consent round's requestState is accepted once: its id is recorded here until it
      // would have expired anyway.
      `CREATE TABLE mcp_spent_request_states (
        id text PRIMARY KEY,
        expires_at bigint NOT NULL
      )`,
      'CREATE INDEX mcp_spent_request_states_expires_at ON mcp_spent_request_states (expires_at)',
    ],
  },
];
