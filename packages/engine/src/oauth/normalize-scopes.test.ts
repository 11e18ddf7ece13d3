import { describe, expect, it } from 'vitest';
import { normalizeScopes } from './normalize-scopes.js';

describe('normalizeScopes', () => {
  it('splits on whitespace, drops empties and duplicates, and sorts', () => {
    expect(normalizeScopes(['repo', ' user  gist', '', 'repo', 'gist '])).toEqual([
      'gist',
      'repo',
      'user',
    ]);
  });

  it('keeps URL scopes intact', () => {
    expect(normalizeScopes(['https://www.googleapis.com/auth/gmail.readonly'])).toEqual([
      'https://www.googleapis.com/auth/gmail.readonly',
    ]);
  });

  it('returns an empty list for no scopes', () => {
    expect(normalizeScopes([])).toEqual([]);
  });
});
