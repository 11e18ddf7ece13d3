import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkcePair } from './create-pkce-pair.js';

describe('createPkcePair', () => {
  it('creates a 43-128 character verifier of unreserved characters', () => {
    const { codeVerifier } = createPkcePair();
    expect(codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
  });

  it('derives the challenge as BASE64URL(SHA256(verifier)) with method S256', () => {
    const pair = createPkcePair();
    expect(pair.codeChallengeMethod).toBe('S256');
    expect(pair.codeChallenge).toBe(
      createHash('sha256').update(pair.codeVerifier, 'ascii').digest('base64url'),
    );
    expect(pair.codeChallenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('creates a different verifier every time', () => {
    const verifiers = new Set(Array.from({ length: 500 }, () => createPkcePair().codeVerifier));
    expect(verifiers.size).toBe(500);
  });
});
