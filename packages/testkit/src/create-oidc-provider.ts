import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { errors, type JWK } from 'oidc-provider';
import type { ApiScope } from './api-scopes.js';
import type { DemoUser } from './demo-users.js';
import { renderMessagePage } from './interaction-pages.js';
import type { MemoryStore } from './memory-store.js';

// The oidc-provider configuration of the test provider: its own login and consent pages
// (devInteractions off), opaque access tokens for the one protected API, PKCE and refresh
// tokens as the options ask.

/** What the oidc-provider configuration depends on. */
export type CreateOidcProviderOptions = {
  issuer: string;
  /** The protected API: the only resource, and the audience of every access token. */
  apiUrl: string;
  store: MemoryStore;
  users: readonly DemoUser[];
  scopes: readonly ApiScope[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  rotateRefreshTokens: boolean;
  requirePkce: boolean;
};

/** An oidc-provider instance configured as the testkit's provider. */
export function createOidcProvider({
  issuer,
  apiUrl,
  store,
  users,
  scopes,
  accessTokenTtlSeconds,
  refreshTokenTtlSeconds,
  rotateRefreshTokens,
  requirePkce,
}: CreateOidcProviderOptions): Provider {
  return new Provider(issuer, {
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
