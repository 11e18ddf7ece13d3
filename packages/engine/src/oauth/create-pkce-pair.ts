import { createHash, randomBytes } from 'node:crypto';

// PKCE (RFC 7636) with S256: the verifier stays with the flow, the challenge goes into the
// authorization URL, and the verifier into the code exchange.

/** A PKCE verifier and its S256 challenge. */
export type PkcePair = {
  /** 43 characters of [A-Za-z0-9_-] (256 random bits), within RFC 7636's 43-128. */
  codeVerifier: string;
  /** BASE64URL(SHA256(codeVerifier)). */
  codeChallenge: string;
  codeChallengeMethod: 'S256';
};

/** A new random PKCE verifier and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const codeVerifier = randomBytes(32).toString('base64url');
  return {
    codeVerifier,
    codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    codeChallengeMethod: 'S256',
  };
}
