import { describe, expect, it } from 'vitest';
import {
  atlassian,
  dropbox,
  github,
  google,
  hubspot,
  linear,
  microsoft,
  notion,
  slack,
  spotify,
  x,
  zoom,
} from './preset-provider-entries.js';
import { type OAuth2ProviderConfig, parseProviderConfig } from './provider-config.js';
import { providerPresetNames, providerPresets } from './provider-preset-catalog.js';

const credentials = { clientId: 'client-id', clientSecret: 'client-secret' };

function resolve(input: unknown): OAuth2ProviderConfig {
  const config = parseProviderConfig(input);
  if (config.type !== 'oauth2') throw new Error('expected an oauth2 provider');
  return config;
}

describe('provider presets', () => {
  it.each(providerPresetNames)('%s resolves from only a client id and secret', (name) => {
    const config = resolve({ id: name, preset: name, ...credentials });
    const preset = providerPresets[name];
    expect(config).toMatchObject({
      id: name,
      type: 'oauth2',
      clientId: 'client-id',
      clientSecret: 'client-secret',
      authorizeUrl: preset.authorizeUrl,
      tokenUrl: preset.tokenUrl,
      refreshUrl: preset.tokenUrl,
      revokeUrl: preset.revokeUrl,
      clientAuthentication: preset.clientAuthentication,
      scopeDelimiter: preset.scopeDelimiter,
      authorizeParameters: preset.authorizeParameters,
      pkce: preset.pkce,
    });
    for (const url of [config.authorizeUrl, config.tokenUrl, config.revokeUrl]) {
      if (url !== undefined) expect(new URL(url).protocol).toBe('https:');
    }
    // The resolved configuration stands on its own.
    expect(parseProviderConfig(config)).toEqual(config);
  });

  it('has a helper per preset giving the same configuration', () => {
    const helpers = {
      google,
      github,
      slack,
      microsoft,
      zoom,
      atlassian,
      linear,
      notion,
      dropbox,
      spotify,
      x,
      hubspot,
    };
    expect(Object.keys(helpers).sort()).toEqual([...providerPresetNames].sort());
    for (const [name, helper] of Object.entries(helpers)) {
      expect(resolve(helper(credentials))).toEqual(
        resolve({ id: name, preset: name, ...credentials }),
      );
    }
  });

  it('carries the documented quirks', () => {
    expect(resolve(google(credentials)).authorizeParameters).toEqual({
      access_type: 'offline',
      prompt: 'consent',
    });
    expect(resolve(atlassian(credentials)).authorizeParameters).toEqual({
      audience: 'api.atlassian.com',
      prompt: 'consent',
    });
    expect(resolve(notion(credentials))).toMatchObject({
      authorizeParameters: { owner: 'user' },
      clientAuthentication: 'client_secret_basic',
    });
    expect(resolve(dropbox(credentials)).authorizeParameters).toEqual({
      token_access_type: 'offline',
    });
    expect(resolve(x(credentials))).toMatchObject({
      pkce: true,
      clientAuthentication: 'client_secret_basic',
      defaultScopes: ['offline_access'],
    });
    expect(resolve(slack(credentials))).toMatchObject({
      scopeParameter: 'user_scope',
      scopeDelimiter: ',',
    });
    expect(resolve(linear(credentials)).scopeDelimiter).toBe(',');
    expect(resolve(github(credentials)).scopeDelimiter).toBe(' ');
  });

  it('lets any setting override the preset', () => {
    const config = resolve(
      github({
        ...credentials,
        id: 'github-enterprise',
        authorizeUrl: 'https://github.example.com/login/oauth/authorize',
        tokenUrl: 'https://github.example.com/login/oauth/access_token',
        pkce: false,
        defaultScopes: ['read:user'],
      }),
    );
    expect(config).toMatchObject({
      id: 'github-enterprise',
      authorizeUrl: 'https://github.example.com/login/oauth/authorize',
      tokenUrl: 'https://github.example.com/login/oauth/access_token',
      refreshUrl: 'https://github.example.com/login/oauth/access_token',
      pkce: false,
      defaultScopes: ['read:user'],
      clientAuthentication: 'client_secret_post',
    });
  });

  it('merges extra authorize parameters with the preset, null dropping one', () => {
    const config = resolve(
      google({ ...credentials, authorizeParameters: { prompt: null, hd: 'example.com' } }),
    );
    expect(config.authorizeParameters).toEqual({ access_type: 'offline', hd: 'example.com' });
    expect(parseProviderConfig(config)).toEqual(config);
  });

  it('points microsoft at the given tenant', () => {
    const config = resolve(microsoft({ ...credentials, tenant: 'contoso.onmicrosoft.com' }));
    expect(config.authorizeUrl).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize',
    );
    expect(config.tokenUrl).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    );
    expect(resolve(microsoft(credentials)).tokenUrl).toBe(providerPresets.microsoft.tokenUrl);
  });

  it('still validates the client credentials of a preset', () => {
    expect(() => parseProviderConfig(github({ clientId: 'id', clientSecret: '' }))).toThrow(
      "Provider 'github' has an invalid configuration: field 'clientSecret' is empty",
    );
  });
});
