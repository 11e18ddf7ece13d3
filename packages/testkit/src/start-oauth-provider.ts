import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type InteractionResults, type JWK } from 'oidc-provider';
import {
  type CompleteConsentOptions,
  type ConsentResult,
  completeConsent,
} from './complete-consent.js';
import { copyDemoUsers, type DemoUser, demoUsers } from './demo-users.js';
import { createInboxApi, type InboxApiCounts } from './inbox-api.js';
import { renderConsentPage, renderLoginPage, renderMessagePage } from './interaction-pages.js';
import { MemoryStore } from './memory-store.js';

// A real OAuth 2.0 / OpenID Connect provider (oidc-provider, OpenID certified) on a loopback
// port, with its own login and consent pages and a protected inbox API under /api on the same
// port. Everything lives in memory and disappears with close().

/** An OAuth client registered at the test provider. */
export type OAuthProviderClient = {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs; the provider compares them character for character. */
  redirectUris: string[];
  /**
   * The registered token endpoint authentication method (default client_secret_basic).
   * oidc-provider accepts client_secret_basic and client_secret_post alike for such a client;
   * `tokenRequestLog[].authenticationMethod` shows which one a request used.
   */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Shown on the login and consent pages. */
  name?: string;
};

/** A scope of the protected API, with the description the consent page shows. */
export type ApiScope = { name: string; description: string };

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

/** One request to the provider's token endpoint, as recorded for tests. */
export type TokenRequestRecord = {
  grantType: string;
  clientId: string | undefined;
  /** How the client sent its credentials. */
  authenticationMethod: 'client_secret_basic' | 'client_secret_post' | 'none';
  status: number;
  /** The OAuth error code when the request failed, e.g. invalid_grant. */
  error: string | undefined;
};

/** What the test provider has counted: token requests, and requests to the inbox API. */
export type OAuthProviderCounts = {
  /** Every request to the token endpoint, whatever its outcome. */
  tokenRequests: number;
  tokenRequestsByGrantType: Record<string, number>;
  /** authorization_code requests. */
  codeExchanges: number;
  /** refresh_token requests, successful or not. */
  refresh: number;
  /** refresh_token requests the provider rejected. */
  refreshFailures: number;
  /** Requests to the revocation endpoint. */
  revocations: number;
  api: InboxApiCounts;
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

/** A token answer held back until `release()`, so a test can act while it is pending. */
export type TokenResponseHold = {
  /** Resolves once a matching request was processed and its answer is being held. */
  held: Promise<void>;
  release(): void;
};

const defaultScopes: readonly ApiScope[] = [
  { name: 'inbox.read', description: 'Read your inbox' },
  { name: 'inbox.send', description: 'Send email as you' },
];

const openidScopeDescriptions: Record<string, string> = {
  openid: 'Know who you are',
  profile: 'See your name',
  email: 'See your email address',
  offline_access: 'Keep access while you are away',
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
  scopes = defaultScopes,
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

  const addClient = (client: OAuthProviderClient) => {
    store.setClient({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: client.name ?? client.clientId,
      redirect_uris: client.redirectUris,
      token_endpoint_auth_method: client.tokenEndpointAuthMethod ?? 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    });
  };
  for (const client of clients) addClient(client);

  const provider = new Provider(issuer, {
    adapter: (modelName: string) => store.adapterFor(modelName),
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'offline_access', 'profile', 'email', ...scopes.map((scope) => scope.name)],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    async findAccount(_, accountId) {
      const user = users.find((candidate) => candidate.id === accountId);
      if (!user) return undefined;
      return {
        accountId: user.id,
        async claims() {
          return { sub: user.id, name: user.name, email: user.email };
        },
      };
    },
    interactions: { url: (_, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
      // Requests need not name the API: every access token is for it, carrying the API scopes.
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiUrl,
        useGrantedResource: () => true,
        getResourceServerInfo: (_, resourceIndicator) => {
          if (resourceIndicator !== apiUrl) {
            throw new errors.InvalidTarget(
              `unknown resource ${resourceIndicator}; this provider serves only ${apiUrl}`,
            );
          }
          return {
            scope: scopes.map((scope) => scope.name).join(' '),
            audience: apiUrl,
            accessTokenTTL: accessTokenTtlSeconds,
            accessTokenFormat: 'opaque',
          };
        },
      },
    },
    pkce: { required: () => requirePkce },
    // A client allowed the refresh_token grant always gets a refresh token, with or without
    // offline_access, so the engine can request only the tool's scopes.
    issueRefreshToken: async (_, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: rotateRefreshTokens,
    clientBasedCORS: () => false,
    renderError(context, out) {
      context.type = 'html';
      context.body = renderMessagePage({
        title: 'Authorization request rejected',
        message: `${out.error}: ${out.error_description ?? 'no description'}`,
      });
    },
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      AuthorizationCode: 600,
      ClientCredentials: accessTokenTtlSeconds,
      IdToken: 3600,
      RefreshToken: refreshTokenTtlSeconds,
      Interaction: 3600,
      Session: 24 * 3600,
      Grant: refreshTokenTtlSeconds,
    },
  });

  const tokenRequestLog: TokenRequestRecord[] = [];
  const counts: OAuthProviderCounts = emptyCounts();
  let hostile = false;
  const holds: { grantType: string; arrive: () => void; released: Promise<void> }[] = [];
  // A rotated-out refresh token -> when, and the token that replaced it.
  const rotatedRefreshTokens = new Map<string, { at: number; successor: string }>();
  const reuseGraceMs = refreshTokenReuseGraceSeconds * 1000;
  const countTokenRequest = (grantType: string, status: number, error?: string) => {
    counts.tokenRequests += 1;
    counts.tokenRequestsByGrantType[grantType] =
      (counts.tokenRequestsByGrantType[grantType] ?? 0) + 1;
    if (grantType === 'authorization_code') counts.codeExchanges += 1;
    if (grantType === 'refresh_token') {
      counts.refresh += 1;
      if (status >= 400) counts.refreshFailures += 1;
    }
    return error;
  };
  const holdIfAsked = async (grantType: string) => {
    const index = holds.findIndex((hold) => hold.grantType === grantType);
    if (index === -1) return;
    const [hold] = holds.splice(index, 1);
    hold?.arrive();
    await hold?.released;
  };

  provider.use(async (context, next) => {
    if (
      context.method === 'POST' &&
      context.path === '/token' &&
      (hostile || reuseGraceMs > 0) &&
      context.req.readable
    ) {
      // Read here, before oidc-provider; it then parses the body it finds on the request.
      const raw = (await readBody(context.req)).toString('utf8');
      (context.req as IncomingMessage & { body?: string }).body = raw;
      const parameters = new URLSearchParams(raw);
      const grantType = parameters.get('grant_type') ?? 'unknown';
      if (hostile) {
        countTokenRequest(grantType, 400, 'invalid_request');
        context.status = 400;
        context.body = {
          error: 'invalid_request',
          error_description: `Rejected the request with authorization ${context.get('authorization')} and body ${raw}`,
        };
        return;
      }
      // Within the grace, a rotated-out token stands for the newest one rotated in after it.
      let current = parameters.get('refresh_token') ?? '';
      for (
        let rotated = rotatedRefreshTokens.get(current);
        grantType === 'refresh_token' &&
        rotated !== undefined &&
        Date.now() - rotated.at <= reuseGraceMs;
        rotated = rotatedRefreshTokens.get(current)
      ) {
        current = rotated.successor;
      }
      if (current !== (parameters.get('refresh_token') ?? '')) {
        parameters.set('refresh_token', current);
        (context.req as IncomingMessage & { body?: string }).body = parameters.toString();
      }
    }
    await next();
    if (context.method !== 'POST') return;
    if (context.path === '/token/revocation') counts.revocations += 1;
    if (context.path !== '/token') return;
    const body = (context.oidc as { body?: Record<string, unknown> } | undefined)?.body;
    const grantType = typeof body?.grant_type === 'string' ? body.grant_type : 'unknown';
    const responseBody = context.body as { error?: unknown; scope?: unknown } | undefined;
    const error = typeof responseBody?.error === 'string' ? responseBody.error : undefined;
    // oidc-provider reports only the API scopes of the access token; list the granted OpenID
    // scopes too (openid, offline_access, ...), as providers such as Google do.
    const grant = context.oidc?.entities.Grant;
    if (context.status === 200 && grant && typeof responseBody?.scope === 'string') {
      const granted = new Set([
        ...(grant.getOIDCScope() ?? '').split(' '),
        ...responseBody.scope.split(' '),
      ]);
      granted.delete('');
      responseBody.scope = [...granted].join(' ');
    }
    countTokenRequest(grantType, context.status);
    const usedRefreshToken = body?.refresh_token;
    const issued = (responseBody as { refresh_token?: unknown } | undefined)?.refresh_token;
    if (
      reuseGraceMs > 0 &&
      grantType === 'refresh_token' &&
      context.status === 200 &&
      typeof usedRefreshToken === 'string' &&
      typeof issued === 'string' &&
      issued !== usedRefreshToken
    ) {
      rotatedRefreshTokens.set(usedRefreshToken, { at: Date.now(), successor: issued });
    }
    tokenRequestLog.push({
      grantType,
      clientId: context.oidc?.client?.clientId,
      authenticationMethod: /^basic /i.test(context.get('authorization'))
        ? 'client_secret_basic'
        : typeof body?.client_secret === 'string'
          ? 'client_secret_post'
          : 'none',
      status: context.status,
      error,
    });
    await holdIfAsked(grantType);
  });

  const handleApi = createInboxApi({
    users,
    counts: counts.api,
    async verifyAccessToken(value) {
      // The store drops a token the moment its lifetime ends (millisecond precision);
      // oidc-provider's own check rounds to whole seconds, too coarse for 1-second tokens.
      const token = await provider.AccessToken.find(value, { ignoreExpiration: true });
      if (!token?.accountId || !token.clientId) return undefined;
      const audience = (token as { aud?: string | string[] }).aud;
      const audiences = Array.isArray(audience) ? audience : [audience];
      if (!audiences.includes(apiUrl)) return undefined;
      return {
        accountId: token.accountId,
        clientId: token.clientId,
        scopes: new Set((token.scope ?? '').split(' ').filter(Boolean)),
      };
    },
  });

  const handleInteraction = createInteractionHandler({ provider, users, scopes });
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
      Object.assign(counts, emptyCounts(), { api: counts.api });
      counts.api.requests = 0;
      counts.api.byStatus = {};
      tokenRequestLog.length = 0;
    },
    addClient,
    revokeRefreshTokens({ userId }: { userId?: string } = {}) {
      return store.deleteRefreshTokens({ accountId: userId });
    },
    revokeGrants({ userId }: { userId?: string } = {}) {
      return store.deleteGrants({ accountId: userId });
    },
    setHostileTokenEndpoint(value) {
      hostile = value;
    },
    holdTokenResponse({ grantType }) {
      let arrive!: () => void;
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ grantType, arrive, released });
      return { held, release };
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

function emptyCounts(): OAuthProviderCounts {
  return {
    tokenRequests: 0,
    tokenRequestsByGrantType: {},
    codeExchanges: 0,
    refresh: 0,
    refreshFailures: 0,
    revocations: 0,
    api: { requests: 0, byStatus: {} },
  };
}

// One RSA key per process is enough for ID token signatures; generating it takes a while.
let cachedSigningKey: JWK | undefined;
function signingKey(): JWK {
  cachedSigningKey ??= {
    ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      format: 'jwk',
    }) as JWK),
    use: 'sig',
    alg: 'RS256',
  };
  return cachedSigningKey;
}

function createInteractionHandler({
  provider,
  users,
  scopes,
}: {
  provider: Provider;
  users: DemoUser[];
  scopes: readonly ApiScope[];
}) {
  const describe = (scope: string) =>
    scopes.find((candidate) => candidate.name === scope)?.description ??
    openidScopeDescriptions[scope] ??
    scope;
  const html = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(body);
  };
  const finish = async (
    request: IncomingMessage,
    response: ServerResponse,
    result: InteractionResults,
  ) => {
    const location = await provider.interactionResult(request, response, result, {
      mergeWithLastSubmission: true,
    });
    response.writeHead(303, { location });
    response.end();
  };

  return async function handleInteraction(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<void> {
    const [, , uid, action] = path.split('/');
    let interaction: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      interaction = await provider.interactionDetails(request, response);
    } catch {
      html(
        response,
        400,
        renderMessagePage({
          title: 'Sign-in expired',
          message:
            'This sign-in page expired or was opened in another browser. Go back to the application and start again.',
        }),
      );
      return;
    }
    const clientId = String(interaction.params.client_id);
    const client = await provider.Client.find(clientId);
    const clientName = client?.clientName ?? clientId;
    const formAction = (step: string) => `/interaction/${uid}/${step}`;
    const promptName = interaction.prompt.name;

    if (request.method === 'GET' && action === undefined) {
      if (promptName === 'login') {
        html(
          response,
          200,
          renderLoginPage({ formAction: formAction('login'), clientName, demoLogins: users }),
        );
        return;
      }
      const requested = String(interaction.params.scope ?? '')
        .split(' ')
        .filter(Boolean);
      html(
        response,
        200,
        renderConsentPage({
          formAction: formAction('consent'),
          clientName,
          username: interaction.session?.accountId ?? '',
          scopes: requested.map((name) => ({ name, description: describe(name) })),
        }),
      );
      return;
    }

    if (request.method === 'POST' && action === 'login' && promptName === 'login') {
      const form = await readForm(request);
      const username = form.get('username') ?? '';
      const user = users.find(
        (candidate) =>
          candidate.username === username && candidate.password === form.get('password'),
      );
      if (!user) {
        html(
          response,
          401,
          renderLoginPage({
            formAction: formAction('login'),
            clientName,
            username,
            errorMessage: 'Wrong username or password.',
            demoLogins: users,
          }),
        );
        return;
      }
      await finish(request, response, { login: { accountId: user.id } });
      return;
    }

    if (request.method === 'POST' && action === 'consent' && promptName === 'consent') {
      const form = await readForm(request);
      if (form.get('decision') !== 'allow') {
        await finish(request, response, {
          error: 'access_denied',
          error_description: 'The user denied the authorization request.',
        });
        return;
      }
      await finish(request, response, { consent: { grantId: await saveGrant(interaction) } });
      return;
    }

    html(
      response,
      400,
      renderMessagePage({
        title: 'Unexpected step',
        message: `This page expects the ${promptName} step. Go back to the application and start again.`,
      }),
    );
  };

  async function saveGrant(
    interaction: Awaited<ReturnType<Provider['interactionDetails']>>,
  ): Promise<string> {
    const { details } = interaction.prompt;
    const grant =
      (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined) ??
      new provider.Grant({
        accountId: interaction.session?.accountId,
        clientId: String(interaction.params.client_id),
      });
    const missingOIDCScope = details.missingOIDCScope as string[] | undefined;
    const missingOIDCClaims = details.missingOIDCClaims as string[] | undefined;
    const missingResourceScopes = details.missingResourceScopes as
      | Record<string, string[]>
      | undefined;
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    for (const [resource, resourceScopes] of Object.entries(missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, resourceScopes.join(' '));
    }
    return grant.save();
  }
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(request)).toString('utf8'));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
