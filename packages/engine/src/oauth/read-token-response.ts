import { normalizeScopes } from './normalize-scopes.js';
import { OAuthRequestError } from './oauth-request-error.js';
import { type OAuthOperation, OAuthTokenError } from './oauth-token-error.js';
import type { OAuthTokens } from './oauth-tokens.js';
import { redactSecrets } from './redact-secrets.js';

// Turns a token endpoint's answer into tokens or a typed error. Beyond RFC 6749 §5 it reads
// what real providers send: errors with HTTP 200 (GitHub's `error`, Slack's `ok: false`),
// comma-separated granted scopes (GitHub), `expires_in` as a string, and Slack's user token
// under `authed_user` when only user scopes were requested.

/** Reads the tokens out of a provider's token answer, or throws the OAuth error it carries. */
export function readTokenResponse({
  providerId,
  operation,
  url,
  status,
  fields,
  requestedScopes,
  receivedAt,
  secrets,
}: {
  providerId: string;
  operation: OAuthOperation;
  /** The endpoint, for messages (origin and path only). */
  url: string;
  status: number;
  fields: Record<string, unknown> | undefined;
  /** Taken as granted when the response lists no `scope`. */
  requestedScopes: readonly string[];
  receivedAt: Date;
  /** Values of the request (code, verifier, refresh token, client secret) kept out of messages. */
  secrets: readonly (string | undefined)[];
}): OAuthTokens {
  const errorCode = stringField(fields, 'error');
  const tokenFields = tokenFieldsOf(fields);
  if (errorCode !== undefined && (status >= 400 || tokenFields === undefined)) {
    throw new OAuthTokenError({
      providerId,
      operation,
      code: redactSecrets(errorCode, secrets),
      status,
      description: describe(stringField(fields, 'error_description'), secrets),
    });
  }
  if (status >= 500) {
    throw new OAuthRequestError({ providerId, operation, reason: 'server_error', url, status });
  }
  if (status < 200 || status >= 300 || tokenFields === undefined) {
    throw new OAuthRequestError({
      providerId,
      operation,
      reason: 'unexpected_response',
      url,
      status,
      problem:
        status >= 200 && status < 300
          ? 'the answer has no access_token'
          : 'the answer is not an OAuth error response',
    });
  }

  const accessToken = tokenFields.access_token as string;
  const refreshToken = stringField(tokenFields, 'refresh_token');
  const expiresIn = Number(tokenFields.expires_in);
  const grantedScope = tokenFields.scope;
  return {
    accessToken,
    refreshToken: refreshToken === '' ? undefined : refreshToken,
    expiresAt:
      Number.isFinite(expiresIn) && expiresIn > 0
        ? new Date(receivedAt.getTime() + expiresIn * 1000)
        : undefined,
    scopes:
      typeof grantedScope === 'string'
        ? normalizeScopes(grantedScope.split(','))
        : Array.isArray(grantedScope)
          ? normalizeScopes(grantedScope.filter((scope) => typeof scope === 'string'))
          : normalizeScopes(requestedScopes),
    tokenType: stringField(tokenFields, 'token_type') || 'Bearer',
  };
}

function tokenFieldsOf(
  fields: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (fields === undefined) return undefined;
  if (isNonEmptyString(fields.access_token)) return fields;
  const authedUser = fields.authed_user;
  if (
    typeof authedUser === 'object' &&
    authedUser !== null &&
    isNonEmptyString((authedUser as Record<string, unknown>).access_token)
  ) {
    return authedUser as Record<string, unknown>;
  }
  return undefined;
}

function stringField(
  fields: Record<string, unknown> | undefined,
  name: string,
): string | undefined {
  const value = fields?.[name];
  return typeof value === 'string' ? value : undefined;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

const maximumDescriptionLength = 200;

function describe(
  description: string | undefined,
  secrets: readonly (string | undefined)[],
): string | undefined {
  if (description === undefined || description.trim() === '') return undefined;
  const text = redactSecrets(description.trim(), secrets);
  return text.length > maximumDescriptionLength
    ? `${text.slice(0, maximumDescriptionLength)}…`
    : text;
}
