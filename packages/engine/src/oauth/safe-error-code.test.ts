import { describe, expect, it } from 'vitest';
import { safeErrorCode } from './safe-error-code.js';

describe('safeErrorCode', () => {
  it.each(['invalid_grant', 'access_denied', 'temporarily_unavailable', 'org.example-error'])(
    'keeps the OAuth error code %s',
    (code) => {
      expect(safeErrorCode(code)).toBe(code);
    },
  );

  it.each([
    'invalid_client client_secret=s3cret',
    'x'.repeat(65),
    '',
    '<script>',
    'invalid_grant\n',
  ])('replaces %j with unrecognized_error', (code) => {
    expect(safeErrorCode(code)).toBe('unrecognized_error');
  });
});
