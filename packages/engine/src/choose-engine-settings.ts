import type { UserVerification } from './broker/create-broker.js';
import type { EngineConfig } from './engine-config.js';
import { InvalidEngineConfigError } from './invalid-engine-config-error.js';
import { loadGeneratedApiKey } from './load-generated-api-key.js';
import type { McpConfig } from './mcp/mcp-config.js';
import { InvalidProviderConfigError } from './oauth/invalid-provider-config-error.js';
import { type ProviderConfig, parseProviderConfigs } from './oauth/provider-config.js';

// What `createEngine` takes from its options and, where an option is unset, from the TOOLGRANT_*
// variables: each setting is read and checked here, with an error naming the option or variable
// and what to set.

const source = 'createEngine';

/** Where the engine's API keys came from. */
export type ApiKeySource = 'config' | 'environment' | 'generated';

/** The variable's value without surrounding spaces; undefined when unset or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** `PORT`: the port to listen on, 0 to 65535. */
export function parsePort(value: string | undefined): number | undefined {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidEngineConfigError({
      source: 'PORT',
      field: '',
      problem: 'must be a whole number from 0 to 65535 (the port to listen on).',
    });
  }
  return port;
}

/** `TOOLGRANT_MAX_BODY_BYTES`: the largest request body read, in bytes. */
export function parseMaxBodyBytes(value: string | undefined): number | undefined {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  const bytes = Number(text);
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new InvalidEngineConfigError({
      source: 'TOOLGRANT_MAX_BODY_BYTES',
      field: '',
      problem: 'must be a whole number of bytes, 1 or more (for example 1048576, 1 MiB).',
    });
  }
  return bytes;
}

/** The `providers` option, checked; a bad entry names the option. */
export function parseProviders(inputs: readonly unknown[]): ProviderConfig[] {
  try {
    return parseProviderConfigs(inputs);
  } catch (error) {
    if (!InvalidProviderConfigError.isInstance(error)) throw error;
    throw new InvalidEngineConfigError({
      source,
      field: 'providers',
      problem: error.message,
      cause: error,
    });
  }
}

/** `TOOLGRANT_DEV_MODE`: true or false, never inferred from anything else. */
export function parseDevModeVariable(value: string | undefined): boolean | undefined {
  const text = nonEmpty(value)?.toLowerCase();
  if (text === undefined) return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new InvalidEngineConfigError({
    source: 'TOOLGRANT_DEV_MODE',
    field: '',
    problem:
      'must be true or false. Set it to true only for local development (it turns user verification off), or leave it unset.',
  });
}

/** The MCP settings, or undefined when MCP is turned off (`enabled: false`, TOOLGRANT_MCP_ENABLED=false). */
export function chooseMcpConfig(
  configured: McpConfig | undefined,
  environment: Readonly<Record<string, string | undefined>>,
): McpConfig | undefined {
  const enabled =
    configured?.enabled ??
    parseBooleanVariable('TOOLGRANT_MCP_ENABLED', environment.TOOLGRANT_MCP_ENABLED) ??
    true;
  if (!enabled) return undefined;
  const list = (value: string | undefined) => {
    const items = (nonEmpty(value) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return items.length > 0 ? items : undefined;
  };
  return {
    ...configured,
    allowedHosts: configured?.allowedHosts ?? list(environment.TOOLGRANT_MCP_ALLOWED_HOSTS),
    allowedOrigins: configured?.allowedOrigins ?? list(environment.TOOLGRANT_MCP_ALLOWED_ORIGINS),
    textFallback:
      configured?.textFallback ??
      parseBooleanVariable('TOOLGRANT_MCP_TEXT_FALLBACK', environment.TOOLGRANT_MCP_TEXT_FALLBACK),
  };
}

/** A true/false variable; anything else is refused with its name. */
function parseBooleanVariable(name: string, value: string | undefined): boolean | undefined {
  const text = nonEmpty(value)?.toLowerCase();
  if (text === undefined) return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new InvalidEngineConfigError({
    source: name,
    field: '',
    problem: 'must be true or false.',
  });
}

/** The configured user verification; dev mode's only when dev mode was chosen explicitly. */
export function chooseUserVerification(
  configured: UserVerification | undefined,
  devMode: boolean,
): UserVerification {
  if (configured !== undefined) return configured;
  if (devMode) return { mode: 'dev' };
  throw new InvalidEngineConfigError({
    source,
    field: 'userVerification',
    problem:
      "is required outside dev mode: set it to { verifierUrl: 'https://your.app/verify' }, a page of your app that confirms the signed-in user with POST /v1/auth/confirm_user. For local development only, set devMode: true instead (or run `toolgrant serve --dev`, or set TOOLGRANT_DEV_MODE=true): then whoever opens an authorization link completes it.",
  });
}

/** The admin keys: the option, else `TOOLGRANT_ADMIN_API_KEYS`; undefined when there are none. */
export function chooseAdminApiKeys({
  config,
  environment,
}: {
  config: EngineConfig;
  environment: Readonly<Record<string, string | undefined>>;
}): string[] | undefined {
  if (config.adminApiKeys !== undefined) return [...config.adminApiKeys];
  const fromEnvironment = (nonEmpty(environment.TOOLGRANT_ADMIN_API_KEYS) ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  return fromEnvironment.length > 0 ? fromEnvironment : undefined;
}

/** The API keys: the option, else `TOOLGRANT_API_KEYS`, else one generated into the data directory. */
export async function chooseApiKeys({
  config,
  environment,
  dataDirectory,
  devMode,
  logger,
}: {
  config: EngineConfig;
  environment: Readonly<Record<string, string | undefined>>;
  dataDirectory: string;
  devMode: boolean;
  logger: NonNullable<EngineConfig['logger']>;
}): Promise<{ apiKeys: string[]; source: ApiKeySource; file: string | undefined }> {
  if (config.apiKeys !== undefined) {
    return { apiKeys: [...config.apiKeys], source: 'config', file: undefined };
  }
  const fromEnvironment = (
    nonEmpty(environment.TOOLGRANT_API_KEYS) ??
    nonEmpty(environment.TOOLGRANT_API_KEY) ??
    ''
  )
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (fromEnvironment.length > 0) {
    return { apiKeys: fromEnvironment, source: 'environment', file: undefined };
  }
  const generated = await loadGeneratedApiKey({ dataDirectory });
  const message = generated.created
    ? `No API key configured, so one was generated into ${generated.file} (permissions 0600); clients send it in the Authorization header.`
    : `No API key configured; using the one generated earlier in ${generated.file}.`;
  if (devMode) logger.info(message);
  else {
    logger.warn(
      `${message} Set TOOLGRANT_API_KEYS in production, so that every engine process accepts the same keys.`,
    );
  }
  return { apiKeys: [generated.apiKey], source: 'generated', file: generated.file };
}
