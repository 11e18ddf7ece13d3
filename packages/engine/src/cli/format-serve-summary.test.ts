import { describe, expect, it } from 'vitest';
import { utilityToolkit } from '../../test/engine-toolkits.js';
import { formatServeSummary } from './format-serve-summary.js';

// The generated-key case is asserted on a running `toolgrant serve` in main.test.ts.

const common = {
  url: 'http://127.0.0.1:9099',
  baseUrl: 'https://tools.example.com',
  redirectUri: 'https://tools.example.com/v1/oauth/callback',
  configFile: undefined,
  storeLocation: 'postgres://engine@db:5432/toolgrant',
  toolkits: [],
  apiKeyFile: undefined,
};

describe('formatServeSummary', () => {
  it('names where configured keys are, without printing them', () => {
    const summary = formatServeSummary({
      ...common,
      apiKeys: ['configured-key-one', 'configured-key-two'],
      apiKeySource: 'environment',
      providers: [],
    });
    expect(summary).toContain(
      'API key:   one of the 2 keys in TOOLGRANT_API_KEYS / TOOLGRANT_API_KEY',
    );
    expect(summary).not.toContain('configured-key');
    expect(summary).toContain('Base URL:  https://tools.example.com');
    expect(summary).toContain('MCP:       off');
    expect(summary).toContain('Config:    none (defaults and TOOLGRANT_* variables)');
    expect(summary).toContain('Toolkits:  none');
    expect(summary).toContain('Providers: none');
  });

  it('gives each OAuth provider the redirect URI of the public base URL, never a client secret', () => {
    const summary = formatServeSummary({
      ...common,
      apiKeys: ['configured-key'],
      apiKeySource: 'config',
      mcpUrl: 'https://tools.example.com/mcp',
      toolkits: [utilityToolkit],
      providers: [
        {
          id: 'github',
          type: 'oauth2',
          clientId: 'github-client-id',
          clientSecret: 'github-client-secret',
          authorizeUrl: 'https://github.com/login/oauth/authorize',
          tokenUrl: 'https://github.com/login/oauth/access_token',
          refreshUrl: 'https://github.com/login/oauth/access_token',
          revokeUrl: undefined,
          clientAuthentication: 'client_secret_post',
          scopeDelimiter: ' ',
          scopeParameter: 'scope',
          authorizeParameters: {},
          tokenRequestFormat: 'form',
          pkce: true,
          defaultScopes: [],
        },
        { id: 'openweather', type: 'api_key', name: undefined, description: undefined },
      ],
    });
    expect(summary).toContain('API key:   the key in the configuration');
    expect(summary).toContain(
      'MCP:       https://tools.example.com/mcp  (Authorization: Bearer <API key> + Arcade-User-ID: <user id>)',
    );
    expect(summary).toContain('Toolkits:  Utility@1.0.0 (2 tools)');
    expect(summary).toContain(
      '    github       oauth2   register the redirect URI https://tools.example.com/v1/oauth/callback',
    );
    expect(summary).toContain('    openweather  api_key  users enter their key at the engine');
    expect(summary).not.toContain('github-client-secret');
    expect(summary).not.toContain('configured-key');
  });
});
