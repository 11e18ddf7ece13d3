import { describe, expect, it } from 'vitest';
import { editDistance, suggestNames } from './suggest-names.js';

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
});
