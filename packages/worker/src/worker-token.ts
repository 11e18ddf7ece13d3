import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidWorkerTokenError } from './invalid-worker-token-error.js';

// The engine signs a fresh token for every request to a worker; the worker accepts only
// short-lived HS256 tokens for audience `worker` and protocol version 1, signed with the
// secret both were configured with.

export const workerTokenAudience = 'worker';
export const workerTokenVersion = '1';
/** A worker refuses tokens that expire further ahead than this, so a leaked one soon dies. */
export const maxWorkerTokenLifetimeSeconds = 300;
/** Tolerated clock difference between engine and worker. */
const clockSkewSeconds = 30;

/** The claims of the token the engine signs for each request to a worker. */
export interface WorkerTokenClaims {
  aud: string;
  ver: string;
  iat: number;
  exp: number;
}

/**
 * A `Bearer` token for one request to a worker: HS256 over `{ aud: "worker", ver: "1", iat,
 * exp }`. `expiresInSeconds` defaults to 60 and may be at most 300.
 */
export function signWorkerToken({
  secret,
  now = new Date(),
  expiresInSeconds = 60,
}: {
  secret: string;
  now?: Date;
  expiresInSeconds?: number;
}): string {
  requireSecret(secret);
  if (
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds <= 0 ||
    expiresInSeconds > maxWorkerTokenLifetimeSeconds
  ) {
    throw new RangeError(
      `expiresInSeconds must be a whole number from 1 to ${maxWorkerTokenLifetimeSeconds}, got ${expiresInSeconds}; workers refuse tokens that live longer.`,
    );
  }
  const issuedAt = Math.floor(now.getTime() / 1000);
  const claims: WorkerTokenClaims = {
    aud: workerTokenAudience,
    ver: workerTokenVersion,
    iat: issuedAt,
    exp: issuedAt + expiresInSeconds,
  };
  const signingInput = `${encodeJson({ alg: 'HS256', typ: 'JWT' })}.${encodeJson(claims)}`;
  return `${signingInput}.${sign(signingInput, secret)}`;
}

/**
 * Checks a worker token and returns its claims. Throws `InvalidWorkerTokenError` if it is
 * malformed, not HS256, signed with another secret, expired, for another audience, of another
 * protocol version, or lives longer than 5 minutes.
 */
export function verifyWorkerToken({
  token,
  secret,
  now = new Date(),
}: {
  token: string;
  secret: string;
  now?: Date;
}): WorkerTokenClaims {
  requireSecret(secret);
  const invalid = (message: string) =>
    new InvalidWorkerTokenError({ message, error: 'invalid_token' });
  const parts = token.split('.');
  if (parts.length !== 3) {
    throw invalid('The bearer token is not a JWT (expected three dot-separated parts).');
  }
  const [encodedHeader = '', encodedClaims = '', signature = ''] = parts;
  const header = decodeJson(encodedHeader);
  if (header?.alg !== 'HS256') {
    throw invalid(
      `The token's algorithm is ${JSON.stringify(header?.alg ?? null).slice(0, 40)}; workers accept only HS256.`,
    );
  }
  const expected = Buffer.from(sign(`${encodedHeader}.${encodedClaims}`, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalid(
      "The token's signature does not match: it was not signed with this worker's secret. Configure the engine and the worker with the same secret.",
    );
  }
  const claims = decodeJson(encodedClaims);
  if (claims === undefined) throw invalid("The token's claims are not a JSON object.");
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const { aud, ver, exp } = claims;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(workerTokenAudience)) {
    throw invalid(
      `The token's audience is ${JSON.stringify(aud ?? null)}; a worker accepts only tokens for audience '${workerTokenAudience}'.`,
    );
  }
  if (ver !== workerTokenVersion) {
    throw invalid(
      `The token's claim 'ver' is ${JSON.stringify(ver ?? null)}; this worker speaks protocol version '${workerTokenVersion}'.`,
    );
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw invalid("The token has no expiry ('exp'); workers accept only short-lived tokens.");
  }
  if (exp + clockSkewSeconds <= nowSeconds) {
    throw invalid(`The token expired ${nowSeconds - exp} s ago. Sign a fresh token per request.`);
  }
  if (exp - nowSeconds > maxWorkerTokenLifetimeSeconds + clockSkewSeconds) {
    throw invalid(
      `The token expires in ${exp - nowSeconds} s; workers accept only tokens that expire within ${maxWorkerTokenLifetimeSeconds} s.`,
    );
  }
  const iat = typeof claims.iat === 'number' ? claims.iat : exp - maxWorkerTokenLifetimeSeconds;
  return { aud: workerTokenAudience, ver, iat, exp };
}

function requireSecret(secret: string): void {
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError(
      'The worker secret is empty. Set the same non-empty secret in the engine and the worker (for example TOOLGRANT_WORKER_SECRET).',
    );
  }
}

function sign(signingInput: string, secret: string): string {
  return createHmac('sha256', secret).update(signingInput).digest('base64url');
}

function encodeJson(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
