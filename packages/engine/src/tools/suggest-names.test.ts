import { describe, expect, it } from 'vitest';
import { editDistance, maxSuggestedNameLength, suggestNames } from './suggest-names.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('suggestNames', () => {
  const candidates = ['Gmail.ListEmails', 'Gmail.SendEmail', 'Github.SetStarred', 'Slack.Post'];

  it('suggests the closest names first, ignoring case', () => {
    expect(suggestNames({ name: 'gmail.listemail', candidates })).toEqual([
      'Gmail.ListEmails',
      'Gmail.SendEmail',
    ]);
  });

  it('suggests a qualified name for a bare tool name', () => {
    expect(suggestNames({ name: 'SetStarred', candidates })).toEqual(['Github.SetStarred']);
  });

  it('suggests nothing for a name unlike any candidate', () => {
    expect(suggestNames({ name: 'Weather.Forecast', candidates })).toEqual([]);
  });

  it('returns at most `limit` names', () => {
    expect(suggestNames({ name: 'Gmail.ListEmail', candidates, limit: 1 })).toEqual([
      'Gmail.ListEmails',
    ]);
  });

  it('does no work for a name longer than any tool name could be', () => {
    // It contains a candidate, so it would be suggested, were it not too long to look at.
    const atLimit = `Gmail.ListEmails${'x'.repeat(maxSuggestedNameLength - 16)}`;
    expect(atLimit).toHaveLength(maxSuggestedNameLength);
    expect(suggestNames({ name: atLimit, candidates })).toEqual(['Gmail.ListEmails']);
    expect(suggestNames({ name: `${atLimit}x`, candidates })).toEqual([]);
    expect(
      suggestNames({ name: `Gmail.ListEmails${'x'.repeat(4 * 1024 * 1024)}`, candidates }),
    ).toEqual([]);
  });

  it('skips candidates too long to compare', () => {
    const long = `Gmail.${'L'.repeat(maxSuggestedNameLength)}`;
    expect(suggestNames({ name: 'Gmail.L', candidates: [long, 'Gmail.Lx'] })).toEqual(['Gmail.Lx']);
  });
});
