import type { Toolkit } from '@toolgrant/worker';
import type { ApiKeySource } from '../create-engine.js';
import type { ProviderConfig } from '../oauth/provider-config.js';

// What `toolgrant serve` prints once it listens: where clients connect, with which key, and
// what to register at each OAuth provider. A generated key is printed (the file is the only
// other place it is written); configured keys are not, since stdout often ends up in logs.

/** What `toolgrant serve` prints once it listens: the URLs, and a generated API key if any. */
export function formatServeSummary({
  url,
  baseUrl,
  redirectUri,
  apiKeys,
  apiKeySource,
  apiKeyFile,
  configFile,
  storeLocation,
  toolkits,
  providers,
  devMode = false,
  mcpUrl,
}: {
  url: string;
  baseUrl: string;
  /** The MCP endpoint; undefined when MCP is turned off. */
  mcpUrl?: string | undefined;
  redirectUri: string;
  apiKeys: readonly string[];
  apiKeySource: ApiKeySource;
  apiKeyFile: string | undefined;
  configFile: string | undefined;
  storeLocation: string;
  toolkits: readonly Toolkit[];
  providers: readonly ProviderConfig[];
  devMode?: boolean;
}): string {
  const apiKey =
    apiKeySource === 'generated'
      ? `${apiKeys[0]}  (generated, kept in ${apiKeyFile})`
      : `${apiKeys.length === 1 ? 'the key' : `one of the ${apiKeys.length} keys`} ${
          apiKeySource === 'environment'
            ? 'in TOOLGRANT_API_KEYS / TOOLGRANT_API_KEY'
            : 'in the configuration'
        }`;
  const lines = [
    `Toolgrant engine listening at ${url}`,
    '',
    `  Base URL:  ${baseUrl}`,
    `  MCP:       ${
      mcpUrl === undefined
        ? 'off (mcp.enabled / TOOLGRANT_MCP_ENABLED)'
        : `${mcpUrl}  (Authorization: Bearer <API key> + Arcade-User-ID: <user id>)`
    }`,
    `  API key:   ${apiKey}`,
    `  Config:    ${configFile ?? 'none (defaults and TOOLGRANT_* variables)'}`,
    `  Store:     ${storeLocation}`,
    ...(devMode
      ? [
          '  Dev mode:  on (--dev): whoever opens an authorization link completes it; for local development only',
        ]
      : []),
    `  Toolkits:  ${
      toolkits.length === 0
        ? 'none (add toolkits to toolgrant.config.ts)'
        : toolkits
            .map(
              (toolkit) =>
                `${toolkit.name}@${toolkit.version} (${toolkit.tools.length} tool${toolkit.tools.length === 1 ? '' : 's'})`,
            )
            .join(', ')
    }`,
  ];
  if (providers.length === 0) {
    lines.push('  Providers: none (add providers to toolgrant.config.ts for tools that need auth)');
  } else {
    lines.push('  Providers:');
    const width = Math.max(...providers.map((provider) => provider.id.length));
    for (const provider of providers) {
      lines.push(
        provider.type === 'oauth2'
          ? `    ${provider.id.padEnd(width)}  oauth2   register the redirect URI ${redirectUri}`
          : `    ${provider.id.padEnd(width)}  api_key  users enter their key at the engine; nothing to register`,
      );
    }
  }
  lines.push(
    '',
    `Connect with the official client: new Arcade({ apiKey, baseURL: '${baseUrl}' })`,
    'Press Ctrl+C to stop.',
    '',
  );
  return lines.join('\n');
}
