import { describe, expect, it } from 'vitest';
import { createRedactor } from './create-redactor.js';

describe('createRedactor', () => {
  it('replaces every value of 4 or more characters, the longest first', () => {
    const redact = createRedactor(['token-1', 'token-12', 'abc', undefined]);
    expect(redact('sent token-12 then token-1; abc stays')).toBe(
      'sent [redacted] then [redacted]; abc stays',
    );
  });

  it('leaves the text alone when there is nothing to redact', () => {
    expect(createRedactor([undefined, 'ab'])('ab cd')).toBe('ab cd');
  });
});
