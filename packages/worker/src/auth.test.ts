import { describe, expect, it } from 'vitest';
import { apiKey, oauth2 } from './auth.js';
import { ToolDefinitionError } from './tool-definition-error.js';

describe('oauth2', () => {
  it('builds a frozen requirement with its scopes, each once', () => {
    const requirement = oauth2({ provider: 'google', scopes: ['email', 'openid', 'email'] });
    expect(requirement).toEqual({
      type: 'oauth2',
      provider: 'google',
      scopes: ['email', 'openid'],
    });
    expect(Object.isFrozen(requirement)).toBe(true);
  });

  it('defaults to no scopes', () => {
    expect(oauth2({ provider: 'github' }).scopes).toEqual([]);
  });

  it('rejects a provider id with spaces, naming it', () => {
    expect(() => oauth2({ provider: 'my provider' })).toThrowError(
      /oauth2\(\{ provider \}\) got "my provider"/,
    );
  });

  it('rejects a scope string that holds several scopes', () => {
    const attempt = () => oauth2({ provider: 'google', scopes: ['email openid'] });
    expect(attempt).toThrowError(ToolDefinitionError);
    expect(attempt).toThrowError(/"email openid".*separate array items/);
  });
});

describe('apiKey', () => {
  it('builds an api_key requirement', () => {
    expect(apiKey({ provider: 'openweather' })).toEqual({
      type: 'api_key',
      provider: 'openweather',
    });
  });

  it('rejects an empty provider', () => {
    expect(() => apiKey({ provider: '' })).toThrowError(/apiKey\(\{ provider \}\) got ""/);
  });
});
