import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

// A secret with every character class that encodings treat differently.
const secret = 'cs/7f+3a 9c"1d\\5e:8b&é=?';

function formEncode(value: string): string {
  return new URLSearchParams({ value }).toString().slice('value='.length);
}

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(
      redactSecrets('code abcdefgh1 and abcdefgh1 with secret-xyz-123', [
        'abcdefgh1',
        'secret-xyz-123',
      ]),
    ).toBe('code [redacted] and [redacted] with [redacted]');
  });

  it('skips undefined and very short values, which would redact ordinary words', () => {
    expect(redactSecrets('the grant is invalid', [undefined, 'the', ''])).toBe(
      'the grant is invalid',
    );
  });

  it.each([
    ['raw', secret],
    ['encodeURIComponent', encodeURIComponent(secret)],
    ['form-encoded (+ for space)', formEncode(secret)],
    ['percent-encoded in lower case', encodeURIComponent(secret).toLowerCase()],
    ['percent-encoded twice', encodeURIComponent(encodeURIComponent(secret))],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
    [
      'JSON \\u-escaped',
      [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    ],
  ])('finds the secret %s', (_, encoded) => {
    const text = `invalid_client: client_secret=${encoded}&grant_type=refresh_token`;
    const result = redactSecrets(text, [secret]);
    expect(result).toBe('invalid_client: client_secret=[redacted]&grant_type=refresh_token');
  });

  it.each([
    ['raw', `toolgrant-engine:${secret}`],
    ['form-encoded (RFC 6749 §2.3.1)', `toolgrant-engine:${formEncode(secret)}`],
    ['with a one-byte prefix', `a:${secret}`],
    ['with a two-byte prefix', `ab:${secret}`],
  ])('finds the secret in the base64 of HTTP Basic credentials, %s', (_, credentials) => {
    const basic = Buffer.from(credentials).toString('base64');
    for (const encoded of [basic, basic.replace(/\+/g, '-').replace(/\//g, '_')]) {
      const result = redactSecrets(`authorization: Basic ${encoded} was rejected`, [secret]);
      expect(result).toContain('[redacted]');
      expect(result).not.toContain(encoded);
      // What is left of the base64 around it no longer decodes to the secret.
      expect(Buffer.from(result, 'base64').toString('latin1')).not.toContain(secret);
    }
  });

  it('leaves text without the secret alone', () => {
    const text = 'invalid_grant: the refresh token was revoked (see https://example.com/a+b%20c)';
    expect(redactSecrets(text, [secret, 'refresh-token-9b2e7a'])).toBe(text);
  });
});
