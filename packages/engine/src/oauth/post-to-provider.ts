import { OperationAbortedError } from '@toolgrant/core';
import { OAuthRequestError } from './oauth-request-error.js';
import { type OAuthOperation, oauthOperationNames } from './oauth-token-error.js';
import type { OAuth2ProviderConfig } from './provider-config.js';

// One POST to a provider's token or revocation endpoint, authenticated as the client
// (client_secret_basic or client_secret_post), asking for JSON (GitHub answers form-encoded
// otherwise). Answers with the status and the decoded body; judging it is the caller's.

/** A provider's answer: its HTTP status and decoded body. */
export type ProviderAnswer = {
  status: number;
  /** The decoded JSON or form body; undefined when empty or neither. */
  fields: Record<string, unknown> | undefined;
};

const defaultTimeoutMs = 30_000;

/** Posts a form to a provider's endpoint, authenticated as the configured client. */
export async function postToProvider({
  provider,
  url,
  operation,
  parameters,
  signal,
  timeoutMs = defaultTimeoutMs,
}: {
  provider: OAuth2ProviderConfig;
  url: string;
  operation: OAuthOperation;
  parameters: Record<string, string>;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}): Promise<ProviderAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const body: Record<string, string> = { ...parameters };
  if (provider.clientAuthentication === 'client_secret_basic') {
    // RFC 6749 §2.3.1: both parts are form-encoded before base64.
    const credentials = `${formEncode(provider.clientId)}:${formEncode(provider.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  } else {
    body.client_id = provider.clientId;
    body.client_secret = provider.clientSecret;
  }
  headers['content-type'] =
    provider.tokenRequestFormat === 'json'
      ? 'application/json'
      : 'application/x-www-form-urlencoded';
  const encodedBody =
    provider.tokenRequestFormat === 'json'
      ? JSON.stringify(body)
      : new URLSearchParams(body).toString();

  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
  const failure = (error: unknown): Error => {
    if (signal?.aborted) {
      return new OperationAbortedError({
        operation: `The ${oauthOperationNames[operation]} at provider '${provider.id}'`,
        cause: signal.reason,
      });
    }
    return new OAuthRequestError({
      providerId: provider.id,
      operation,
      reason: timeout.aborted ? 'timeout' : 'unreachable',
      url,
      cause: error,
    });
  };

  let response: Response;
  let text: string;
  try {
    // A token endpoint does not redirect; following one would resend the client secret.
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: encodedBody,
      redirect: 'manual',
      signal: combined,
    });
    text = await response.text();
  } catch (error) {
    throw failure(error);
  }
  return {
    status: response.status,
    fields: decodeBody({ text, contentType: response.headers.get('content-type') ?? '' }),
  };
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

function decodeBody({
  text,
  contentType,
}: {
  text: string;
  contentType: string;
}): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const looksLikeJson = contentType.includes('json') || trimmed.startsWith('{');
  if (looksLikeJson) {
    try {
      const value: unknown = JSON.parse(trimmed);
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }
  if (contentType.includes('application/x-www-form-urlencoded') || /^[\w.~%+-]+=/.test(trimmed)) {
    return Object.fromEntries(new URLSearchParams(trimmed));
  }
  return undefined;
}
