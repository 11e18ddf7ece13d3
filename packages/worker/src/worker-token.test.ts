import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidWorkerTokenError } from './invalid-worker-token-error.js';
import { createWorkerTokenVerifier, signWorkerToken, verifyWorkerToken } from './worker-token.js';

const secret = 'a shared secret of the engine and the worker';
const now = new Date('2030-01-01T00:00:00Z');
const nowSeconds = now.getTime() / 1000;

/** A token with any header and claims, signed with `key`, as an attacker or a buggy engine would. */
function forge(claims: object, key = secret, header: object = { alg: 'HS256', typ: 'JWT' }) {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

function rejection(token: string): InvalidWorkerTokenError {
  try {
    verifyWorkerToken({ token, secret, now });
  } catch (error) {
    if (InvalidWorkerTokenError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

const valid = { aud: 'worker', ver: '1', iat: nowSeconds, exp: nowSeconds + 60 };

describe('signWorkerToken / verifyWorkerToken', () => {
  it('signs an HS256 JWT for audience worker, version 1, expiring in 60 s', () => {
    const token = signWorkerToken({ secret, now });
    const [header, claims] = token.split('.').map((part) => {
      try {
        return JSON.parse(Buffer.from(part, 'base64url').toString());
      } catch {
        return part;
      }
    });
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(claims).toEqual(valid);
    expect(verifyWorkerToken({ token, secret, now })).toEqual(valid);
  });

  it('refuses to sign a token that would live longer than 5 minutes, or with no secret', () => {
    expect(() => signWorkerToken({ secret, now, expiresInSeconds: 301 })).toThrow(/1 to 300/);
    expect(() => signWorkerToken({ secret: '', now })).toThrow(/secret is empty/);
  });

  it('rejects a token signed with another secret', () => {
    const error = rejection(forge(valid, 'guessed secret'));
    expect(error.error).toBe('invalid_token');
    expect(error.message).toMatch(/not signed with this worker's secret/);
    expect(error.message).not.toContain(secret);
  });

  it('rejects a tampered token', () => {
    const [header, , signature] = signWorkerToken({ secret, now }).split('.');
    const claims = Buffer.from(JSON.stringify({ ...valid, exp: nowSeconds + 200 })).toString(
      'base64url',
    );
    expect(rejection(`${header}.${claims}.${signature}`).message).toMatch(/signature/);
  });

  it('rejects alg none and other algorithms', () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(rejection(`${encode({ alg: 'none' })}.${encode(valid)}.`).message).toMatch(
      /"none"; workers accept only HS256/,
    );
    expect(rejection(forge(valid, secret, { alg: 'HS512' })).message).toMatch(/HS512/);
  });

  it('rejects an expired token, allowing 30 s of clock skew', () => {
    expect(rejection(forge({ ...valid, exp: nowSeconds - 31 })).message).toMatch(
      /expired 31 s ago/,
    );
    expect(
      verifyWorkerToken({ token: forge({ ...valid, exp: nowSeconds - 29 }), secret, now }).exp,
    ).toBe(nowSeconds - 29);
  });

  it('rejects a token for another audience', () => {
    expect(rejection(forge({ ...valid, aud: 'engine' })).message).toMatch(
      /audience is "engine"; a worker accepts only tokens for audience 'worker'/,
    );
    expect(rejection(forge({ ...valid, aud: undefined })).message).toMatch(/audience is null/);
  });

  it("rejects a token without ver '1'", () => {
    expect(rejection(forge({ ...valid, ver: undefined })).message).toMatch(/'ver' is null/);
    expect(rejection(forge({ ...valid, ver: '2' })).message).toMatch(/'ver' is "2"/);
  });

  it('rejects a token expiring more than 5 minutes ahead, or with an exp or iat that is no number', () => {
    expect(rejection(forge({ ...valid, exp: nowSeconds + 3600 })).message).toMatch(
      /expires in 3600 s; workers accept only tokens that expire within 300 s/,
    );
    expect(rejection(forge({ ...valid, exp: 'later' })).message).toMatch(/'exp' is not a number/);
    expect(rejection(forge({ ...valid, iat: 'now' })).message).toMatch(/'iat' is not a number/);
  });

  it("accepts a token without exp, as Arcade's workers do, for 5 minutes after its iat", () => {
    // Arcade's own worker tests sign { aud, ver } alone (arcade-mcp, libs/tests/worker/test_auth.py).
    const arcadeStyle = forge({ aud: 'worker', ver: '1' });
    expect(verifyWorkerToken({ token: arcadeStyle, secret, now })).toEqual({
      aud: 'worker',
      ver: '1',
      iat: undefined,
      exp: undefined,
    });
    const issued = forge({ aud: 'worker', ver: '1', iat: nowSeconds - 300 });
    expect(verifyWorkerToken({ token: issued, secret, now }).iat).toBe(nowSeconds - 300);
    expect(rejection(forge({ aud: 'worker', ver: '1', iat: nowSeconds - 331 })).message).toMatch(
      /has no expiry and was issued 331 s ago/,
    );
    expect(rejection(forge({ aud: 'worker', ver: '1', iat: nowSeconds + 60 })).message).toMatch(
      /issued 60 s in the future/,
    );
    // Without exp, the other checks stay: signature, audience, version.
    expect(rejection(forge({ aud: 'worker', ver: '1' }, 'another secret')).message).toMatch(
      /signature does not match/,
    );
    expect(rejection(forge({ aud: 'engine', ver: '1' })).message).toMatch(/audience/);
  });

  it('rejects something that is not a JWT', () => {
    expect(rejection('not-a-jwt').message).toMatch(/not a JWT/);
  });

  it("createWorkerTokenVerifier checks a repeated token's claims every time, and a new token in full", () => {
    const verify = createWorkerTokenVerifier({ secret });
    const token = forge(valid);
    expect(verify({ token, now }).exp).toBe(valid.exp);
    // The same token, once it has expired, is refused though its signature was checked before.
    expect(() => verify({ token, now: new Date((valid.exp + 31) * 1000) })).toThrow(/expired/);
    // A forged token after a good one is checked in full.
    expect(() => verify({ token: forge(valid, 'another secret'), now })).toThrow(
      /signature does not match/,
    );
    expect(verify({ token, now }).exp).toBe(valid.exp);
  });
});
