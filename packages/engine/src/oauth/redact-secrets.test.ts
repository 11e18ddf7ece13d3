import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

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
});
