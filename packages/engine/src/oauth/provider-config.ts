import { z } from '../shared/zod.js';
import { InvalidProviderConfigError } from './invalid-provider-config-error.js';
import type { OAuth2ProviderSettings } from './oauth2-provider-settings.js';
import { providerPresetNames, providerPresets } from './provider-preset-catalog.js';

// The providers an engine can authorize users with: generic OAuth 2.0 providers (or presets of
// well-known ones) and `api_key` providers, where the user enters their own key. Parsing fills
// in defaults and preset values and rejects a bad entry with an error naming the provider, the
// field and the fix — never the field's value, which may be a secret.

/** An OAuth 2.0 provider, parsed: settings, id and client credentials. */
export type OAuth2ProviderConfig = OAuth2ProviderSettings & {
  id: string;
  type: 'oauth2';
  clientId: string;
  clientSecret: string;
};

/** A provider where users enter their own API key, parsed. */
export type ApiKeyProviderConfig = {
  id: string;
  type: 'api_key';
  /** Shown on the page where the user enters their key, e.g. "OpenWeather". */
  name: string | undefined;
  /** Tells the user where to find their key. */
  description: string | undefined;
};

/** A provider, parsed: OAuth 2.0 or API key. */
export type ProviderConfig = OAuth2ProviderConfig | ApiKeyProviderConfig;

const providerIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

// Parameters the engine sets itself; an extra authorize parameter may not replace them.
const reservedAuthorizeParameters = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
];

function requiredString(what: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `is required: set it to ${what}.`
          : `must be a string: ${what}.`,
    })
    .min(1, { error: `is empty: set it to ${what}.` });
}

const endpointUrl = z.string({ error: 'must be a URL string.' }).refine(isAllowedUrl, {
  error:
    'must be an absolute https URL (plain http is accepted only for localhost, 127.0.0.1 and [::1]).',
});

const providerId = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'is required: give the provider an id such as "github"; tools name it in their auth requirement.'
        : 'must be a string such as "github".',
  })
  .regex(providerIdPattern, {
    error:
      'must be 1-64 letters, digits, "_", "-" or "." starting with a letter or digit, such as "github".',
  });

const oauth2InputSchema = z.strictObject({
  id: providerId,
  type: z.literal('oauth2', { error: 'must be "oauth2" or "api_key".' }).optional(),
  preset: z
    .enum(providerPresetNames, {
      error: `must be one of ${providerPresetNames.join(', ')}; or leave it out and set authorizeUrl and tokenUrl.`,
    })
    .optional(),
  clientId: requiredString('the OAuth client id from the app registration at the provider'),
  clientSecret: requiredString(
    'the OAuth client secret from the app registration at the provider (read it from an environment variable, and check that the variable is set)',
  ),
  authorizeUrl: endpointUrl.optional(),
  tokenUrl: endpointUrl.optional(),
  refreshUrl: endpointUrl.optional(),
  revokeUrl: endpointUrl.optional(),
  clientAuthentication: z
    .enum(['client_secret_basic', 'client_secret_post'], {
      error: 'must be "client_secret_basic" or "client_secret_post", as the provider documents.',
    })
    .optional(),
  scopeDelimiter: z
    .string({ error: 'must be a string such as " " or ",".' })
    .min(1, { error: 'is empty: use " " (the OAuth 2.0 default) or ",".' })
    .optional(),
  scopeParameter: z
    .string({ error: 'must be a string such as "scope".' })
    .min(1, { error: 'is empty: use "scope" (the OAuth 2.0 default).' })
    .optional(),
  authorizeParameters: z
    .record(
      z.string(),
      z
        .string({ error: 'must be a string, or null to drop a parameter the preset sets.' })
        .nullable(),
      { error: 'must be an object of query parameters, such as { prompt: "consent" }.' },
    )
    .optional(),
  tokenRequestFormat: z
    .enum(['form', 'json'], { error: 'must be "form" (the OAuth 2.0 default) or "json".' })
    .optional(),
  pkce: z.boolean({ error: 'must be true or false.' }).optional(),
  defaultScopes: z
    .array(z.string({ error: 'must be a scope name.' }).min(1, { error: 'must not be empty.' }), {
      error: 'must be an array of scope names.',
    })
    .optional(),
});

const apiKeyInputSchema = z.strictObject({
  id: providerId,
  type: z.literal('api_key'),
  name: z.string({ error: 'must be a string, shown to the user.' }).optional(),
  description: z.string({ error: 'must be a string, shown to the user.' }).optional(),
});

/** A generic OAuth 2.0 provider, or a preset with `preset` and only the client id and secret. */
/** An OAuth 2.0 provider as configured (a preset or every endpoint), before parsing. */
export type OAuth2ProviderInput = z.input<typeof oauth2InputSchema>;
/** An API-key provider as configured, before parsing. */
export type ApiKeyProviderInput = z.input<typeof apiKeyInputSchema>;
/** A provider as configured, before parsing. */
export type ProviderConfigInput = OAuth2ProviderInput | ApiKeyProviderInput;

/**
 * Validates one provider entry and fills in defaults and preset values. The result spells out
 * every setting (no `preset` left), so it parses to itself. Throws `InvalidProviderConfigError`.
 */
export function parseProviderConfig(
  input: unknown,
  { label }: { label?: string } = {},
): ProviderConfig {
  const provider = providerLabel(input, label);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidProviderConfigError({
      provider,
      field: '',
      problem:
        'must be an object such as { id: "github", preset: "github", clientId, clientSecret } or { id: "openweather", type: "api_key" }.',
    });
  }
  const type = (input as { type?: unknown }).type;
  if (type === 'api_key') {
    const entry = parseWith(apiKeyInputSchema, input, provider);
    return { id: entry.id, type: 'api_key', name: entry.name, description: entry.description };
  }
  return resolveOAuth2(parseWith(oauth2InputSchema, input, provider), provider);
}

/** Validates the engine's provider list: each entry, and that ids are unique. */
export function parseProviderConfigs(inputs: readonly unknown[]): ProviderConfig[] {
  const seen = new Map<string, number>();
  return inputs.map((input, index) => {
    const config = parseProviderConfig(input, { label: `providers[${index}]` });
    const earlier = seen.get(config.id);
    if (earlier !== undefined) {
      throw new InvalidProviderConfigError({
        provider: config.id,
        field: 'id',
        problem: `is used by providers[${earlier}] and providers[${index}]; give each provider its own id.`,
      });
    }
    seen.set(config.id, index);
    return config;
  });
}

function resolveOAuth2(
  entry: z.output<typeof oauth2InputSchema>,
  provider: string,
): OAuth2ProviderConfig {
  const preset = entry.preset === undefined ? undefined : providerPresets[entry.preset];
  const authorizeUrl = entry.authorizeUrl ?? preset?.authorizeUrl;
  const tokenUrl = entry.tokenUrl ?? preset?.tokenUrl;
  for (const [field, value] of [
    ['authorizeUrl', authorizeUrl],
    ['tokenUrl', tokenUrl],
  ] as const) {
    if (value === undefined) {
      throw new InvalidProviderConfigError({
        provider,
        field,
        problem: `is required for a provider without a preset: set it to the provider's endpoint, or set preset to one of ${providerPresetNames.join(', ')}.`,
      });
    }
  }

  const authorizeParameters: Record<string, string> = { ...preset?.authorizeParameters };
  for (const [name, value] of Object.entries(entry.authorizeParameters ?? {})) {
    if (value === null) delete authorizeParameters[name];
    else authorizeParameters[name] = value;
  }
  const scopeParameter = entry.scopeParameter ?? preset?.scopeParameter ?? 'scope';
  for (const name of Object.keys(authorizeParameters)) {
    if (reservedAuthorizeParameters.includes(name) || name === scopeParameter) {
      throw new InvalidProviderConfigError({
        provider,
        field: `authorizeParameters.${name}`,
        problem: `is set by the engine itself; remove it (scopes come from the tools' requirements and defaultScopes).`,
      });
    }
  }

  return {
    id: entry.id,
    type: 'oauth2',
    clientId: entry.clientId,
    clientSecret: entry.clientSecret,
    authorizeUrl: authorizeUrl as string,
    tokenUrl: tokenUrl as string,
    refreshUrl:
      entry.refreshUrl ??
      (entry.tokenUrl === undefined ? preset?.refreshUrl : undefined) ??
      (tokenUrl as string),
    revokeUrl: entry.revokeUrl ?? preset?.revokeUrl,
    clientAuthentication:
      entry.clientAuthentication ?? preset?.clientAuthentication ?? 'client_secret_basic',
    scopeDelimiter: entry.scopeDelimiter ?? preset?.scopeDelimiter ?? ' ',
    scopeParameter,
    authorizeParameters,
    tokenRequestFormat: entry.tokenRequestFormat ?? preset?.tokenRequestFormat ?? 'form',
    pkce: entry.pkce ?? preset?.pkce ?? true,
    defaultScopes: [...(entry.defaultScopes ?? preset?.defaultScopes ?? [])],
  };
}

function parseWith<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  provider: string,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) {
    throw new InvalidProviderConfigError({ provider, field: '', problem: 'is not valid.' });
  }
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys((schema as unknown as z.ZodObject).shape);
    return throwUnknownField({ provider, field: issue.keys[0] ?? '', known });
  }
  throw new InvalidProviderConfigError({
    provider,
    field: formatPath(issue.path),
    problem: issue.message,
  });
}

function throwUnknownField({
  provider,
  field,
  known,
}: {
  provider: string;
  field: string;
  known: string[];
}): never {
  throw new InvalidProviderConfigError({
    provider,
    field,
    problem: `is not a provider setting; check its spelling. Known settings: ${known.join(', ')}.`,
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

function providerLabel(input: unknown, label: string | undefined): string {
  const id =
    typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
  if (typeof id === 'string' && providerIdPattern.test(id)) return id;
  return label ?? '(no id)';
}

function isAllowedUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && loopbackHosts.has(url.hostname);
}
