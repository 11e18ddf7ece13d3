import { describe, expect, it } from 'vitest';
import { mergeScopes } from './merge-scopes.js';

describe('mergeScopes', () => {
  it('accumulates: what was granted plus what is needed now', () => {
    expect(mergeScopes(['inbox.read'], ['inbox.send'])).toEqual(['inbox.read', 'inbox.send']);
  });

  it('does not repeat scopes present in several sets', () => {
    expect(mergeScopes(['a', 'b'], ['b', 'c'], ['a'])).toEqual(['a', 'b', 'c']);
  });

  it('is the normalized set when given one set', () => {
    expect(mergeScopes(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });
});
