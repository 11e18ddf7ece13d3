import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiScope, defaultApiScopes } from './api-scopes.js';
import {
  type CompleteConsentOptions,
  type ConsentResult,
  completeConsent,
} from './complete-consent.js';
import { createOidcProvider } from './create-oidc-provider.js';
import { copyDemoUsers, type DemoUser, demoUsers } from './demo-users.js';
import { createInboxApi } from './inbox-api.js';
import { createInteractionRoutes } from './interaction-routes.js';
import { MemoryStore } from './memory-store.js';
import { type OAuthProviderClient, toClientMetadata } from './oauth-provider-client.js';
import {
  emptyCounts,
  type OAuthProviderCounts,
  resetCounts,
  type TokenRequestRecord,
} from './oauth-provider-counts.js';
import {
  createTokenEndpointMiddleware,
  type TokenResponseHold,
} from './token-endpoint-middleware.js';
import { verifyApiAccessToken } from './verify-api-access-token.js';

// A real OAuth 2.0 / OpenID Connect provider (oidc-provider, OpenID certified) on a loopback
// port, with its own login and consent pages and a protected inbox API under /api on the same
// port. Everything lives in memory and disappears with close().

/** How to start the test provider: address, clients, token lifetimes, users and scopes. */
export type StartOAuthProviderOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  clients?: OAuthProviderClient[];
  /** Lifetime of access tokens; tests use 1. Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Default 14 days. */
  refreshTokenTtlSeconds?: number;
  /**
   * Issue a new refresh token on each refresh and invalidate the old one (default true). A
   * rotated-out token used again makes oidc-provider revoke the whole grant, as real providers
   * do, so a client that refreshes twice with one token is caught.
   */
  rotateRefreshTokens?: boolean;
  /**
   * With rotation, how long a rotated-out refresh token is still accepted (default 0: never),
   * as Okta, Auth0, Cognito (up to 60 s) or Hydra allow: within the grace period it counts as
   * the token that replaced it, and gets new tokens. oidc-provider has no such setting (a
   * reused token revokes the grant); the testkit swaps the token in front of it.
   */
  refreshTokenReuseGraceSeconds?: number;
  /** Reject authorization requests without a PKCE S256 challenge (default true). */
  requirePkce?: boolean;
  /** Users who can sign in; default alice / alice-password and bob / bob-password. */
  users?: readonly DemoUser[];
  /** Scopes of the protected API; default inbox.read and inbox.send. */
  scopes?: readonly ApiScope[];
};

/** A running test provider: its URLs, clients, users, counters and controls. */
export type OAuthProvider = {
  /** The issuer, e.g. http://127.0.0.1:43121 (no trailing slash). */
  issuer: string;
  url: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  introspectionEndpoint: string;
  userinfoEndpoint: string;
  jwksUri: string;
  /** The resource indicator and base URL of the protected API (`<issuer>/api`). */
  apiUrl: string;
  /** GET: the user's messages; needs scope inbox.read. */
  inboxUrl: string;
  /** POST {to, subject, body}; needs scope inbox.send. */
  sendUrl: string;
  users: readonly DemoUser[];
  scopes: readonly ApiScope[];
  /** Live counters; read them after the calls you want to count, or call resetCounts(). */
  counts: OAuthProviderCounts;
  tokenRequestLog: TokenRequestRecord[];
  resetCounts(): void;
  /** Registers a client, or replaces the one with the same clientId (e.g. new redirect URIs). */
  addClient(client: OAuthProviderClient): void;
  /** Deletes refresh tokens of one user (or everyone), so their next refresh is invalid_grant. */
  revokeRefreshTokens(options?: { userId?: string }): number;
  /**
   * Deletes the grants of one user (or everyone) with everything issued under them: an
   * unredeemed code's exchange, a refresh and an API call with their tokens all fail at once.
   */
  revokeGrants(options?: { userId?: string }): number;
  /**
   * Hostile mode: every token request is answered 400 with an `error_description` that
   * echoes the request body and its Authorization header (form-encoded credentials, Basic).
   */
  setHostileTokenEndpoint(hostile: boolean): void;
  /**
   * The next token request of `grantType` is processed (a code spent, a refresh token
   * rotated), but its answer waits until `release()`: a test can kill the client meanwhile.
   */
  holdTokenResponse(options: {
    grantType: 'authorization_code' | 'refresh_token';
  }): TokenResponseHold;
  /** completeConsent bound to this provider. */
  completeConsent(options: CompleteConsentOptions): Promise<ConsentResult>;
  close(): Promise<void>;
};

/** Starts a real OAuth 2.0 / OpenID provider with a protected inbox API, in memory. */
export async function startOAuthProvider({
  port = 0,
  host = '127.0.0.1',
  clients = [],
  accessTokenTtlSeconds = 3600,
  refreshTokenTtlSeconds = 14 * 24 * 3600,
  rotateRefreshTokens = true,
  refreshTokenReuseGraceSeconds = 0,
  requirePkce = true,
  users: initialUsers = demoUsers,
  scopes = defaultApiScopes,
}: StartOAuthProviderOptions = {}): Promise<OAuthProvider> {
  if (!Number.isFinite(refreshTokenReuseGraceSeconds) || refreshTokenReuseGraceSeconds < 0) {
    throw new TypeError(
      `refreshTokenReuseGraceSeconds must be zero or a positive number of seconds, got ${refreshTokenReuseGraceSeconds}.`,
    );
  }
  for (const [name, value] of Object.entries({ accessTokenTtlSeconds, refreshTokenTtlSeconds })) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`${name} must be a positive whole number of seconds, got ${value}.`);
    }
  }
  const users = copyDemoUsers(initialUsers);
  const store = new MemoryStore();

  // The issuer holds the port, so the server listens before the provider exists.
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => {
    response.writeHead(503).end();
  };
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const issuer = `http://${hostInUrl}:${address.port}`;
  const apiUrl = `${issuer}/api`;

  const addClient = (client: OAuthProviderClient) => store.setClient(toClientMetadata(client));
  for (const client of clients) addClient(client);

  const provider = createOidcProvider({
    issuer,
    apiUrl,
    store,
    users,
    scopes,
    accessTokenTtlSeconds,
    refreshTokenTtlSeconds,
    rotateRefreshTokens,
    requirePkce,
  });

  const tokenRequestLog: TokenRequestRecord[] = [];
  const counts: OAuthProviderCounts = emptyCounts();
  const tokenEndpointHooks = createTokenEndpointMiddleware({
    counts,
    tokenRequestLog,
    refreshTokenReuseGraceSeconds,
  });
  provider.use(tokenEndpointHooks.middleware);

  const handleApi = createInboxApi({
    users,
    counts: counts.api,
    verifyAccessToken: (token) => verifyApiAccessToken({ provider, apiUrl, token }),
  });
  const handleInteraction = createInteractionRoutes({ provider, users, scopes });
  const callback = provider.callback();
  handle = (request, response) => {
    const path = new URL(request.url ?? '/', issuer).pathname;
    const route =
      path === '/api' || path.startsWith('/api/')
        ? handleApi(request, response, path)
        : path.startsWith('/interaction/')
          ? handleInteraction(request, response, path)
          : undefined;
    if (!route) {
      callback(request, response);
      return;
    }
    route.catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain' });
      }
      response.end(`Internal error in the test provider: ${(error as Error).message}`);
    });
  };

  return {
    issuer,
    url: issuer,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    revocationEndpoint: `${issuer}/token/revocation`,
    introspectionEndpoint: `${issuer}/token/introspection`,
    userinfoEndpoint: `${issuer}/me`,
    jwksUri: `${issuer}/jwks`,
    apiUrl,
    inboxUrl: `${apiUrl}/inbox`,
    sendUrl: `${apiUrl}/inbox/send`,
    users,
    scopes,
    counts,
    tokenRequestLog,
    resetCounts() {
      resetCounts({ counts, tokenRequestLog });
    },
    addClient,
    revokeRefreshTokens({ userId }: { userId?: string } = {}) {
      return store.deleteRefreshTokens({ accountId: userId });
    },
    revokeGrants({ userId }: { userId?: string } = {}) {
      return store.deleteGrants({ accountId: userId });
    },
    setHostileTokenEndpoint(hostile) {
      tokenEndpointHooks.setHostile(hostile);
    },
    holdTokenResponse(options) {
      return tokenEndpointHooks.holdTokenResponse(options);
    },
    completeConsent(options) {
      return completeConsent({ providerUrl: issuer, ...options });
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
