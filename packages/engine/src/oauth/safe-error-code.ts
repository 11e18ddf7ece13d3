/**
 * A provider's OAuth error code as far as it is safe to show to API callers and in flow
 * failure reasons: RFC 6749 codes are short words; anything else (a hostile provider's text,
 * an echoed secret) becomes `unrecognized_error`.
 */
export function safeErrorCode(code: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'unrecognized_error';
}
