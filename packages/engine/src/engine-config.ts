import type { Toolkit } from '@toolgrant/worker';
import type { UserVerification } from './broker/create-broker.js';
import { InvalidEngineConfigError } from './invalid-engine-config-error.js';
import type { McpConfig } from './mcp/mcp-config.js';
import type { ProviderConfig, ProviderConfigInput } from './oauth/provider-config.js';
import type { EngineLogger } from './shared/engine-logger.js';
import { z } from './shared/zod.js';
import { type WorkerConfig, workerConfigSchema } from './workers/worker-settings.js';
import { parseWorkerUrl } from './workers/worker-url-allow-list.js';

// What an engine is made of: the options of `createEngine` and the default export of a
// `toolgrant.config.ts`. Every field is optional; unset ones come from the environment
// (TOOLGRANT_*) or zero-configuration defaults, see `createEngine`.

/**
 * The engine configuration: `toolgrant.config.ts` (with `defineConfig`) or the options of
 * `createEngine`.
 */
export interface EngineConfig {
  /** Toolkits from `defineToolkit`, served in the engine's process. */
  toolkits?: readonly Toolkit[] | undefined;
  /** OAuth 2.0 and API-key providers: `github({ clientId, clientSecret })`, `{ id, preset, ... }`. */
  providers?: readonly (ProviderConfigInput | ProviderConfig)[] | undefined;
  /** Keys clients send in `Authorization`. Default: TOOLGRANT_API_KEYS / TOOLGRANT_API_KEY, else one generated into the data directory. */
  apiKeys?: readonly string[] | undefined;
  /** A `postgres://` URL for several engine processes. Default: TOOLGRANT_DATABASE_URL, else SQLite in the data directory. */
  databaseUrl?: string | undefined;
  /** Where the SQLite file, the generated API key and (dev mode) the encryption key live. Default: TOOLGRANT_DATA_DIR, else `./.toolgrant`. */
  dataDirectory?: string | undefined;
  /** 32 bytes, base64 or hex. Default: TOOLGRANT_ENCRYPTION_KEY; dev mode generates one into the data directory. */
  encryptionKey?: string | undefined;
  /** The engine's public URL; the OAuth redirect URI is `${baseUrl}/v1/oauth/callback`. Default: TOOLGRANT_BASE_URL, else the address it listens on. */
  baseUrl?: string | undefined;
  /** Default: PORT, else 9099. 0 picks a free port. */
  port?: number | undefined;
  /** Default: 127.0.0.1. Use 0.0.0.0 to accept connections from other machines. */
  host?: string | undefined;
  /**
   * For local development only: generates a missing encryption key into the data directory and
   * completes authorizations without user verification (whoever opens a link completes it).
   * Default: TOOLGRANT_DEV_MODE (`true` or `false`), else false. Never inferred from NODE_ENV.
   */
  devMode?: boolean | undefined;
  /** How the engine makes sure the user who consents is the user the flow was for. Default in dev mode: `{ mode: 'dev' }`; required otherwise. */
  userVerification?: UserVerification | undefined;
  /** Origins `next_uri` may redirect to, e.g. `['https://app.example.com']`. Default: any http(s) URL. */
  allowedRedirectOrigins?: readonly string[] | undefined;
  /** Default: warnings and errors to the console. */
  logger?: EngineLogger | undefined;
  /** For tools that set no timeout of their own. Default: 60 s. */
  executionTimeoutMs?: number | undefined;
  /** Remote workers whose tools the engine serves: `{ id, url, secret, timeoutMs?, retry? }`. */
  workers?: readonly WorkerConfig[] | undefined;
  /**
   * Adding, replacing and removing workers through POST/DELETE /v1/workers while the engine
   * runs. Default: off (those routes answer 403). Needs `adminApiKeys`; see RuntimeWorkersConfig.
   */
  runtimeWorkers?: RuntimeWorkersConfig | undefined;
  /**
   * The only keys that may call /v1/admin/* and /v1/workers; they may also do all that `apiKeys`
   * may. Default: TOOLGRANT_ADMIN_API_KEYS; when neither is set, every API key administers.
   */
  adminApiKeys?: readonly string[] | undefined;
  /**
   * The largest API request body the engine reads, in bytes; a larger one is answered 413
   * without being read. (The browser's API-key form has its own 16 KiB limit.) Default:
   * TOOLGRANT_MAX_BODY_BYTES, else 1 MiB.
   */
  maxBodyBytes?: number | undefined;
  /** How often expired flows are deleted and interrupted code exchanges failed. Default: 5 minutes. */
  housekeepingIntervalMs?: number | undefined;
  /** How long a flow is kept after it expired, so status polls still answer for it. Default: 1 hour. */
  flowRetentionMs?: number | undefined;
  /**
   * The MCP endpoint at `/mcp` (Streamable HTTP, protocol 2026-07-28 and 2025-11-25): on by
   * default, with the same API keys (or user-scoped MCP tokens). See McpConfig.
   */
  mcp?: McpConfig | undefined;
}

/** Workers that register themselves at runtime: whether they may, and from which URLs. */
export interface RuntimeWorkersConfig {
  enabled: boolean;
  /**
   * Where runtime workers may listen; required when enabled. Each entry is an origin
   * (`https://workers.example.com`: any path on it) or an origin and path
   * (`https://tools.example.com/team-a`: that path and below it, by whole segments). Scheme,
   * host and port must match exactly; URLs with a user name, query or fragment are refused.
   */
  allowedUrls?: readonly string[] | undefined;
  /** How often workers added or removed by other engine processes on the database are picked up. Default: 5 s. */
  reloadIntervalMs?: number | undefined;
}

/** Types a `toolgrant.config.ts`: `export default defineConfig({ toolkits, providers })`. */
export function defineConfig(config: EngineConfig): EngineConfig {
  return config;
}

const optionalString = (what: string) =>
  z
    .string({ error: `must be a string: ${what}.` })
    .min(1, { error: `is empty: set it to ${what}, or leave it out.` })
    .optional();

/** Host names as MCP's Host and Origin checks take them: no scheme, port or path. */
const hostnameList = z.array(
  z.string({ error: 'must be a string.' }).regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)$/, {
    error: 'must be a host name such as tools.example.com (no scheme, port or path).',
  }),
  { error: "must be an array of host names such as ['tools.example.com']." },
);

const engineConfigSchema = z.strictObject(
  {
    toolkits: z
      .array(
        z.custom<Toolkit>(isToolkit, {
          error: 'is not a toolkit: pass what defineToolkit({ name, version, tools }) returns.',
        }),
        { error: 'must be an array of toolkits from defineToolkit().' },
      )
      .optional(),
    providers: z
      .array(
        z.custom<ProviderConfigInput>((value) => typeof value === 'object' && value !== null),
        {
          error: 'must be an array of providers, for example [github({ clientId, clientSecret })].',
        },
      )
      .optional(),
    apiKeys: z
      .array(
        z
          .string({ error: 'must be a string.' })
          .trim()
          .min(1, { error: 'is empty: each API key is a non-empty string.' }),
        { error: 'must be an array of strings that clients send in Authorization.' },
      )
      .min(1, { error: 'is empty: give at least one key, or leave it out to generate one.' })
      .optional(),
    databaseUrl: optionalString('a postgres:// URL'),
    dataDirectory: optionalString('a directory path'),
    encryptionKey: optionalString('32 random bytes as base64 or hex (openssl rand -base64 32)'),
    baseUrl: z
      .url({ error: 'must be an absolute URL such as https://tools.example.com.' })
      .optional(),
    port: z
      .int({ error: 'must be a whole number from 0 to 65535.' })
      .min(0, { error: 'must be a whole number from 0 to 65535.' })
      .max(65_535, { error: 'must be a whole number from 0 to 65535.' })
      .optional(),
    host: optionalString('an interface address such as 127.0.0.1 or 0.0.0.0'),
    devMode: z.boolean({ error: 'must be true or false.' }).optional(),
    userVerification: z
      .union(
        [z.strictObject({ mode: z.literal('dev') }), z.strictObject({ verifierUrl: z.url() })],
        {
          error:
            "must be { verifierUrl: 'https://your.app/verify' } (your app then calls confirm_user) or { mode: 'dev' }.",
        },
      )
      .optional(),
    allowedRedirectOrigins: z
      .array(
        z.string({ error: 'must be a string.' }).refine(isHttpOrigin, {
          error:
            'must be an origin such as https://app.example.com (scheme, host and port; no path).',
        }),
        { error: "must be an array of origins such as ['https://app.example.com']." },
      )
      .optional(),
    logger: z
      .custom<EngineLogger>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          ['debug', 'info', 'warn', 'error'].every(
            (level) => typeof (value as Record<string, unknown>)[level] === 'function',
          ),
        { error: 'must have the methods debug, info, warn and error.' },
      )
      .optional(),
    executionTimeoutMs: z
      .number({ error: 'must be a number of milliseconds.' })
      .positive({ error: 'must be a positive number of milliseconds.' })
      .optional(),
    workers: z
      .array(workerConfigSchema, {
        error: 'must be an array of workers such as [{ id, url, secret }].',
      })
      .superRefine((workers, context) => {
        const seen = new Set<string>();
        workers.forEach((worker, index) => {
          if (seen.has(worker.id)) {
            context.addIssue({
              code: 'custom',
              path: [index, 'id'],
              message: `is used by two workers ('${worker.id}'); give each worker its own id.`,
            });
          }
          seen.add(worker.id);
        });
      })
      .optional(),
    runtimeWorkers: z
      .strictObject(
        {
          enabled: z.boolean({ error: 'must be true or false.' }),
          allowedUrls: z
            .array(
              z.string({ error: 'must be a URL string.' }).superRefine((text, context) => {
                const parsed = parseWorkerUrl(text);
                if ('problem' in parsed)
                  context.addIssue({ code: 'custom', message: parsed.problem });
              }),
              { error: "must be an array of URLs such as ['https://workers.example.com']." },
            )
            .optional(),
          reloadIntervalMs: z
            .int({ error: 'must be a whole number of milliseconds.' })
            .min(100, { error: 'must be at least 100 ms.' })
            .max(2_147_483_647, { error: 'must be at most 2147483647 ms.' })
            .optional(),
        },
        {
          error:
            "must be an object such as { enabled: true, allowedUrls: ['https://workers.example.com'] }.",
        },
      )
      .superRefine((runtimeWorkers, context) => {
        if (runtimeWorkers.enabled && (runtimeWorkers.allowedUrls ?? []).length === 0) {
          context.addIssue({
            code: 'custom',
            path: ['allowedUrls'],
            message:
              "is required when runtime workers are enabled: list where workers may be registered, for example ['https://workers.internal.example']. A registered worker receives users' tokens, so the engine only contacts URLs you allow.",
          });
        }
      })
      .optional(),
    adminApiKeys: z
      .array(
        z
          .string({ error: 'must be a string.' })
          .trim()
          .min(1, { error: 'is empty: each admin API key is a non-empty string.' }),
        { error: 'must be an array of strings that administrators send in Authorization.' },
      )
      .min(1, { error: 'is empty: give at least one key, or leave it out.' })
      .optional(),
    maxBodyBytes: z
      .int({ error: 'must be a whole number of bytes, for example 1048576 (1 MiB).' })
      .min(1, { error: 'must be 1 or more bytes, for example 1048576 (1 MiB).' })
      .optional(),
    housekeepingIntervalMs: z
      .int({ error: 'must be a whole number of milliseconds.' })
      .min(1, { error: 'must be a positive whole number of milliseconds.' })
      .max(2_147_483_647, { error: 'must be at most 2147483647 milliseconds (about 24 days).' })
      .optional(),
    flowRetentionMs: z
      .int({ error: 'must be a whole number of milliseconds.' })
      .min(0, { error: 'must be zero or a positive whole number of milliseconds.' })
      .optional(),
    mcp: z
      .strictObject(
        {
          enabled: z.boolean({ error: 'must be true or false.' }).optional(),
          allowedHosts: hostnameList.optional(),
          allowedOrigins: hostnameList.optional(),
          textFallback: z.boolean({ error: 'must be true or false.' }).optional(),
          pageSize: z
            .int({ error: 'must be a whole number of tools.' })
            .min(1, { error: 'must be at least 1.' })
            .max(1000, { error: 'must be at most 1000.' })
            .optional(),
          consentWaitSeconds: z
            .number({ error: 'must be a number of seconds.' })
            .min(0, { error: 'must be 0 or more seconds.' })
            .max(59, { error: 'must be at most 59 seconds (a status wait is at most 59 s).' })
            .optional(),
          requestStateTtlSeconds: z
            .int({ error: 'must be a whole number of seconds.' })
            .min(60, { error: 'must be at least 60 seconds.' })
            .max(86_400, { error: 'must be at most 86400 seconds (a day).' })
            .optional(),
        },
        { error: "must be an object such as { allowedHosts: ['tools.example.com'] }." },
      )
      .optional(),
  },
  { error: 'must be an object such as defineConfig({ toolkits, providers }).' },
);

/**
 * Checks a configuration's shape. `source` names where it came from in errors (a file path,
 * `createEngine`). Providers are checked in depth when the engine starts.
 */
export function parseEngineConfig({
  value,
  source,
}: {
  value: unknown;
  source: string;
}): EngineConfig {
  // undefined is "leave it out", whatever the schema says about keys that are present.
  const defined =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined))
      : value;
  const result = engineConfigSchema.safeParse(defined);
  if (result.success) return result.data as EngineConfig;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    throw new InvalidEngineConfigError({
      source,
      field: issue.keys[0] ?? '',
      problem: `is not an engine option. The options are ${Object.keys(engineConfigSchema.shape).join(', ')}.`,
    });
  }
  throw new InvalidEngineConfigError({
    source,
    field: formatPath(issue?.path ?? []),
    problem: issue?.message ?? 'is invalid.',
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function isHttpOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.origin === value.replace(/\/+$/, '')
    );
  } catch {
    return false;
  }
}

function isToolkit(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const toolkit = value as Record<string, unknown>;
  return (
    typeof toolkit.name === 'string' &&
    typeof toolkit.version === 'string' &&
    Array.isArray(toolkit.tools)
  );
}
