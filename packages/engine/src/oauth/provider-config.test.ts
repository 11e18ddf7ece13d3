import { describe, expect, it } from 'vitest';
import { InvalidProviderConfigError } from './invalid-provider-config-error.js';
import { parseProviderConfig, parseProviderConfigs } from './provider-config.js';

const secret = 'super-secret-client-value';
const generic = {
  id: 'acme',
  clientId: 'acme-client',
  clientSecret: secret,
  authorizeUrl: 'https://auth.acme.test/authorize',
  tokenUrl: 'https://auth.acme.test/token',
};

function errorOf(run: () => unknown): InvalidProviderConfigError {
  try {
    run();
  } catch (error) {
    if (InvalidProviderConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidProviderConfigError');
}

describe('parseProviderConfig', () => {
  it('fills in the defaults of a generic OAuth 2.0 provider', () => {
    expect(parseProviderConfig(generic)).toEqual({
      id: 'acme',
      type: 'oauth2',
      clientId: 'acme-client',
      clientSecret: secret,
      authorizeUrl: 'https://auth.acme.test/authorize',
      tokenUrl: 'https://auth.acme.test/token',
      refreshUrl: 'https://auth.acme.test/token',
      revokeUrl: undefined,
      clientAuthentication: 'client_secret_basic',
      scopeDelimiter: ' ',
      scopeParameter: 'scope',
      authorizeParameters: {},
      tokenRequestFormat: 'form',
      pkce: true,
      defaultScopes: [],
    });
  });

  it('keeps every setting given', () => {
    const config = parseProviderConfig({
      ...generic,
      type: 'oauth2',
      refreshUrl: 'https://auth.acme.test/refresh',
      revokeUrl: 'https://auth.acme.test/revoke',
      clientAuthentication: 'client_secret_post',
      scopeDelimiter: ',',
      authorizeParameters: { prompt: 'consent' },
      tokenRequestFormat: 'json',
      pkce: false,
      defaultScopes: ['offline_access'],
    });
    expect(config).toMatchObject({
      refreshUrl: 'https://auth.acme.test/refresh',
      revokeUrl: 'https://auth.acme.test/revoke',
      clientAuthentication: 'client_secret_post',
      scopeDelimiter: ',',
      authorizeParameters: { prompt: 'consent' },
      tokenRequestFormat: 'json',
      pkce: false,
      defaultScopes: ['offline_access'],
    });
  });

  it('parses a parsed configuration to itself', () => {
    const once = parseProviderConfig({ ...generic, defaultScopes: ['a'] });
    expect(parseProviderConfig(once)).toEqual(once);
  });

  it('accepts api_key providers', () => {
    expect(
      parseProviderConfig({ id: 'openweather', type: 'api_key', name: 'OpenWeather' }),
    ).toEqual({ id: 'openweather', type: 'api_key', name: 'OpenWeather', description: undefined });
  });

  it('names the provider and the missing field, and says what to do', () => {
    const { clientSecret: _omitted, ...withoutSecret } = generic;
    const error = errorOf(() => parseProviderConfig(withoutSecret));
    expect(error.provider).toBe('acme');
    expect(error.field).toBe('clientSecret');
    expect(error.message).toMatch(
      /^Provider 'acme' has an invalid configuration: field 'clientSecret' is required: set it to the OAuth client secret/,
    );
    expect(error.message).toContain('environment variable');
  });

  it('requires the endpoints of a provider without a preset', () => {
    const { tokenUrl: _omitted, ...withoutTokenUrl } = generic;
    const error = errorOf(() => parseProviderConfig(withoutTokenUrl));
    expect(error.field).toBe('tokenUrl');
    expect(error.message).toContain('or set preset to one of google, github');
  });

  it('rejects a plain-http endpoint off the loopback interface', () => {
    const error = errorOf(() =>
      parseProviderConfig({ ...generic, tokenUrl: 'http://auth.acme.test/token' }),
    );
    expect(error.field).toBe('tokenUrl');
    expect(error.message).toContain('must be an absolute https URL');
  });

  it('accepts plain http on loopback, as a local test provider uses', () => {
    for (const host of ['127.0.0.1:4010', 'localhost:4010', '[::1]:4010']) {
      expect(parseProviderConfig({ ...generic, tokenUrl: `http://${host}/token` })).toMatchObject({
        tokenUrl: `http://${host}/token`,
      });
    }
  });

  it('rejects an unknown setting by name, listing the known ones', () => {
    const error = errorOf(() => parseProviderConfig({ ...generic, tokenURL: 'https://x.test' }));
    expect(error.field).toBe('tokenURL');
    expect(error.message).toContain('check its spelling');
    expect(error.message).toContain('tokenUrl');
  });

  it('rejects an unknown client authentication method with the allowed ones', () => {
    const error = errorOf(() =>
      parseProviderConfig({ ...generic, clientAuthentication: 'private_key_jwt' }),
    );
    expect(error.field).toBe('clientAuthentication');
    expect(error.message).toContain('"client_secret_basic" or "client_secret_post"');
  });

  it('rejects an unknown preset, listing the presets', () => {
    const error = errorOf(() =>
      parseProviderConfig({ id: 'gitlab', preset: 'gitlab', clientId: 'a', clientSecret: 'b' }),
    );
    expect(error.field).toBe('preset');
    expect(error.message).toContain('google, github, slack, microsoft');
  });

  it('rejects extra authorize parameters the engine sets itself', () => {
    const error = errorOf(() =>
      parseProviderConfig({ ...generic, authorizeParameters: { redirect_uri: 'https://x.test' } }),
    );
    expect(error.field).toBe('authorizeParameters.redirect_uri');
    expect(error.message).toContain('remove it');
  });

  it('names the path inside a list', () => {
    const error = errorOf(() => parseProviderConfig({ ...generic, defaultScopes: ['a', 7] }));
    expect(error.field).toBe('defaultScopes[1]');
  });

  it('rejects a malformed id, naming the entry by position', () => {
    const error = errorOf(() => parseProviderConfigs([{ ...generic, id: 'has space' }]));
    expect(error.provider).toBe('providers[0]');
    expect(error.field).toBe('id');
  });

  it('rejects something that is not an object', () => {
    const error = errorOf(() => parseProviderConfig('github'));
    expect(error.message).toContain('must be an object such as');
  });

  it('never puts the client secret in a message', () => {
    const attempts = [
      { ...generic, tokenUrl: 'ftp://nowhere' },
      { ...generic, clientSecret: secret, unknownSetting: secret },
      { ...generic, clientSecret: secret, authorizeParameters: { prompt: 1 } },
      { ...generic, clientSecret: secret, scopeDelimiter: '' },
    ];
    for (const attempt of attempts) {
      const error = errorOf(() => parseProviderConfig(attempt));
      expect(error.message).not.toContain(secret);
    }
    const typedSecret = errorOf(() =>
      parseProviderConfig({ ...generic, clientSecret: { value: secret } }),
    );
    expect(typedSecret.field).toBe('clientSecret');
    expect(typedSecret.message).not.toContain(secret);
  });
});

describe('parseProviderConfigs', () => {
  it('parses every entry', () => {
    const configs = parseProviderConfigs([generic, { id: 'weather', type: 'api_key' }]);
    expect(configs.map((config) => config.id)).toEqual(['acme', 'weather']);
  });

  it('rejects two providers with one id, naming both positions', () => {
    const error = errorOf(() => parseProviderConfigs([generic, { id: 'acme', type: 'api_key' }]));
    expect(error.provider).toBe('acme');
    expect(error.message).toContain('providers[0] and providers[1]');
  });
});
