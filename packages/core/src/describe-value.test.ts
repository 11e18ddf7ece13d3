import { describe, expect, it } from 'vitest';
import { describeValue } from './describe-value.js';

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'null'],
    ['Lisbon', '"Lisbon"'],
    [42, '42'],
    [false, 'false'],
    [[], 'an empty array'],
    [[1, 2], 'an array'],
    [{ query: 'string' }, 'an object'],
    [() => 1, 'a function'],
    [Symbol('s'), 'a symbol'],
    [10n, 'a bigint'],
  ])('shows %o as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  it('shortens a long string to its first 60 characters', () => {
    expect(describeValue('x'.repeat(200))).toBe(JSON.stringify(`${'x'.repeat(60)}…`));
  });
});
