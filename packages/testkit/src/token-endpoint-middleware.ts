import type { IncomingMessage } from 'node:http';
import type Provider from 'oidc-provider';
import {
  countTokenRequest,
  type OAuthProviderCounts,
  type TokenRequestRecord,
} from './oauth-provider-counts.js';
import { readBody } from './read-body.js';
import { createRefreshTokenReuseGrace } from './refresh-token-reuse-grace.js';

// Runs around oidc-provider's token and revocation endpoints: counts and logs each request,
// and gives tests their hooks (a hostile endpoint, held answers, a refresh token reuse grace).

/** A token answer held back until `release()`, so a test can act while it is pending. */
export type TokenResponseHold = {
  /** Resolves once a matching request was processed and its answer is being held. */
  held: Promise<void>;
  release(): void;
};

/** The middleware to install on the provider, and the controls tests use. */
export type TokenEndpointMiddleware = {
  middleware: Parameters<Provider['use']>[0];
  setHostile(hostile: boolean): void;
  holdTokenResponse(options: {
    grantType: 'authorization_code' | 'refresh_token';
  }): TokenResponseHold;
};

type RequestWithBody = IncomingMessage & { body?: string };

/** Token endpoint middleware that records into `counts` and `tokenRequestLog`. */
export function createTokenEndpointMiddleware({
  counts,
  tokenRequestLog,
  refreshTokenReuseGraceSeconds,
}: {
  counts: OAuthProviderCounts;
  tokenRequestLog: TokenRequestRecord[];
  refreshTokenReuseGraceSeconds: number;
}): TokenEndpointMiddleware {
  let hostile = false;
  const holds: { grantType: string; arrive: () => void; released: Promise<void> }[] = [];
  const reuseGrace = createRefreshTokenReuseGrace({ seconds: refreshTokenReuseGraceSeconds });
  const holdIfAsked = async (grantType: string) => {
    const index = holds.findIndex((hold) => hold.grantType === grantType);
    if (index === -1) return;
    const [hold] = holds.splice(index, 1);
    hold?.arrive();
    await hold?.released;
  };

  const middleware: TokenEndpointMiddleware['middleware'] = async (context, next) => {
    if (
      context.method === 'POST' &&
      context.path === '/token' &&
      (hostile || reuseGrace.enabled) &&
      context.req.readable
    ) {
      // Read here, before oidc-provider; it then parses the body it finds on the request.
      const raw = (await readBody(context.req)).toString('utf8');
      (context.req as RequestWithBody).body = raw;
      const parameters = new URLSearchParams(raw);
      const grantType = parameters.get('grant_type') ?? 'unknown';
      if (hostile) {
        countTokenRequest(counts, { grantType, status: 400 });
        context.status = 400;
        context.body = {
          error: 'invalid_request',
          error_description: `Rejected the request with authorization ${context.get('authorization')} and body ${raw}`,
        };
        return;
      }
      const presented = parameters.get('refresh_token') ?? '';
      const current = grantType === 'refresh_token' ? reuseGrace.currentFor(presented) : presented;
      if (current !== presented) {
        parameters.set('refresh_token', current);
        (context.req as RequestWithBody).body = parameters.toString();
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
    countTokenRequest(counts, { grantType, status: context.status });
    const usedRefreshToken = body?.refresh_token;
    const issued = (responseBody as { refresh_token?: unknown } | undefined)?.refresh_token;
    if (
      grantType === 'refresh_token' &&
      context.status === 200 &&
      typeof usedRefreshToken === 'string' &&
      typeof issued === 'string'
    ) {
      reuseGrace.recordRotation({ used: usedRefreshToken, issued });
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
  };

  return {
    middleware,
    setHostile(value) {
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
  };
}
