import { describe, expect, it } from 'vitest';
import { scopesCover } from './scopes-cover.js';

describe('scopesCover', () => {
  it('is true when every requested scope was granted', () => {
    expect(scopesCover({ granted: ['inbox.read', 'inbox.send'], requested: ['inbox.read'] })).toBe(
      true,
    );
  });

  it('is false when a requested scope is missing', () => {
    expect(scopesCover({ granted: ['inbox.read'], requested: ['inbox.read', 'inbox.send'] })).toBe(
      false,
    );
  });

  it('is true for no requested scopes', () => {
    expect(scopesCover({ granted: [], requested: [] })).toBe(true);
  });

  it('compares normalized scopes, not strings as written', () => {
    expect(scopesCover({ granted: ['b a'], requested: [' a', 'b '] })).toBe(true);
  });

  it('compares exactly: no provider scope hierarchy', () => {
    expect(scopesCover({ granted: ['repo'], requested: ['public_repo'] })).toBe(false);
  });
});
