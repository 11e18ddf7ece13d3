import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidWorkerTokenError } from './invalid-worker-token-error.js';

// The token on every engine request to a worker: HS256 for audience `worker` and protocol
// version 1, signed with the secret both were configured with (the claims Arcade's workers
// check: arcade-mcp, libs/arcade-serve/arcade_serve/core/auth.py `validate_engine_token`;
// arcade-mcp-ts, src/worker/routes.ts `validateWorkerAuth`).
//
// Lifetime. Toolgrant's engine always sets `exp`, at most 5 minutes ahead. Arcade's workers
// require no `exp` (PyJWT and jose check it only when present; Arcade's own tests sign tokens
// with neither `exp` nor `iat`), so an engine that follows Arcade's protocol may leave it out.
// The rule here: with `exp`, the token must not have expired and must expire within 5 minutes
// (30 s of clock skew either way) — unchanged; without `exp` but with `iat`, it must have been
// issued within the last 5 minutes; with neither, it is accepted, as Arcade's workers accept
// it, and the shared secret is its only protection (rotate the secret if a token leaks).

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
  /** Absent only in tokens from engines that set neither `iat` nor `exp`. */
  iat: number | undefined;
  /** Absent in tokens from engines that set none (Arcade's protocol does not require it). */
  exp: number | undefined;
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
 * malformed, not HS256, signed with another secret, for another audience or protocol version,
 * expired, expiring more than 5 minutes ahead, or (without `exp`) issued more than 5 minutes ago.
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
  return checkClaims(checkSignature(token, secret), now);
}

/**
 * `verifyWorkerToken` for a worker that sees the same token again and again (the engine reuses
 * one for up to 30 s): the signature of the last token that passed is not computed again; its
 * claims, the lifetime included, are checked on every call.
 */
export function createWorkerTokenVerifier({
  secret,
}: {
  secret: string;
}): (options: { token: string; now?: Date }) => WorkerTokenClaims {
  requireSecret(secret);
  let last: { token: string; claims: Record<string, unknown> } | undefined;
  return ({ token, now = new Date() }) => {
    if (last?.token !== token) last = { token, claims: checkSignature(token, secret) };
    return checkClaims(last.claims, now);
  };
}

const invalid = (message: string) =>
  new InvalidWorkerTokenError({ message, error: 'invalid_token' });

/** The claims of a well-formed HS256 token signed with `secret`; throws otherwise. */
function checkSignature(token: string, secret: string): Record<string, unknown> {
  requireSecret(secret);
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
  return claims;
}

/** The checked claims: audience, protocol version and lifetime at `now`. */
function checkClaims(claims: Record<string, unknown>, now: Date): WorkerTokenClaims {
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
  if (
    claims.iat !== undefined &&
    (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat))
  ) {
    throw invalid("The token's claim 'iat' is not a number of seconds.");
  }
  const iat = claims.iat as number | undefined;
  if (exp === undefined) {
    checkIssuedRecently({ iat, nowSeconds });
    return { aud: workerTokenAudience, ver, iat, exp: undefined };
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw invalid("The token's claim 'exp' is not a number of seconds.");
  }
  if (exp + clockSkewSeconds <= nowSeconds) {
    throw invalid(`The token expired ${nowSeconds - exp} s ago. Sign a fresh token per request.`);
  }
  if (exp - nowSeconds > maxWorkerTokenLifetimeSeconds + clockSkewSeconds) {
    throw invalid(
      `The token expires in ${exp - nowSeconds} s; workers accept only tokens that expire within ${maxWorkerTokenLifetimeSeconds} s.`,
    );
  }
  return { aud: workerTokenAudience, ver, iat: iat ?? exp - maxWorkerTokenLifetimeSeconds, exp };
}

/** A token without `exp` lives at most 5 minutes from its `iat`, when it has one. */
function checkIssuedRecently({
  iat,
  nowSeconds,
}: {
  iat: number | undefined;
  nowSeconds: number;
}): void {
  if (iat === undefined) return;
  if (iat - clockSkewSeconds > nowSeconds) {
    throw invalid(
      `The token was issued ${iat - nowSeconds} s in the future; check the engine's clock.`,
    );
  }
  if (nowSeconds - iat > maxWorkerTokenLifetimeSeconds + clockSkewSeconds) {
    throw invalid(
      `The token has no expiry and was issued ${nowSeconds - iat} s ago; workers accept such a token for ${maxWorkerTokenLifetimeSeconds} s after it was issued. Sign a fresh one.`,
    );
  }
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
