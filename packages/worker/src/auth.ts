import { ToolDefinitionError } from './tool-definition-error.js';

// What a tool needs from the user before it can run. The engine resolves the requirement to
// the user's credential and hands only that credential to the tool's context.

/** A tool needs the user's OAuth 2.0 token from a provider, with these scopes. */
export interface OAuth2Requirement {
  readonly type: 'oauth2';
  /** The engine's provider id, for example `google` or `github`. */
  readonly provider: string;
  readonly scopes: readonly string[];
}

/** A tool needs the user's API key for a provider. */
export interface ApiKeyRequirement {
  readonly type: 'api_key';
  readonly provider: string;
}

/** What a tool needs from the user before it can run. */
export type AuthRequirement = OAuth2Requirement | ApiKeyRequirement;

const providerPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

function checkProvider({ provider, builder }: { provider: unknown; builder: string }): string {
  if (typeof provider !== 'string' || !providerPattern.test(provider)) {
    throw new ToolDefinitionError({
      message: `${builder}({ provider }) got ${JSON.stringify(provider)}; a provider id is 1-128 letters, digits, '_', '.' or '-' (for example 'google'), matching a provider configured in the engine.`,
    });
  }
  return provider;
}

/** Declares that a tool needs the user's OAuth 2.0 token from `provider`, with `scopes`. */
export function oauth2({
  provider,
  scopes = [],
}: {
  provider: string;
  scopes?: readonly string[];
}): OAuth2Requirement {
  checkProvider({ provider, builder: 'oauth2' });
  if (!Array.isArray(scopes)) {
    throw new ToolDefinitionError({
      message: `oauth2({ provider: '${provider}', scopes }) got ${typeof scopes} for scopes; pass an array of scope strings, for example ['openid', 'email'].`,
    });
  }
  for (const scope of scopes) {
    if (typeof scope !== 'string' || scope === '' || /\s/.test(scope)) {
      throw new ToolDefinitionError({
        message: `oauth2({ provider: '${provider}' }) got the scope ${JSON.stringify(scope)}; each scope is one non-empty string without spaces (pass several scopes as separate array items).`,
      });
    }
  }
  return Object.freeze({
    type: 'oauth2',
    provider,
    scopes: Object.freeze([...new Set(scopes)]),
  });
}

/** Declares that a tool needs the user's API key for `provider`. */
export function apiKey({ provider }: { provider: string }): ApiKeyRequirement {
  checkProvider({ provider, builder: 'apiKey' });
  return Object.freeze({ type: 'api_key', provider });
}
