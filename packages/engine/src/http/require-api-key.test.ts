import { describe, expect, it } from 'vitest';
import { InvalidEngineOptionsError } from '../shared/invalid-engine-options-error.js';
import { createApiKeyCheck } from './require-api-key.js';

describe('createApiKeyCheck', () => {
  it('accepts exactly the configured keys', () => {
    const isKnown = createApiKeyCheck({ apiKeys: ['first-key', 'second-key'] });
    expect(isKnown('first-key')).toBe(true);
    expect(isKnown('second-key')).toBe(true);
    expect(isKnown('first-ke')).toBe(false);
    expect(isKnown('first-key ')).toBe(false);
    expect(isKnown('')).toBe(false);
  });

  it.each([[[]], [['']], [['key', '  ']]])('refuses apiKeys %j at creation', (apiKeys) => {
    let caught: unknown;
    try {
      createApiKeyCheck({ apiKeys });
    } catch (error) {
      caught = error;
    }
    expect(InvalidEngineOptionsError.isInstance(caught)).toBe(true);
    expect((caught as InvalidEngineOptionsError).option).toBe('apiKeys');
  });
});
