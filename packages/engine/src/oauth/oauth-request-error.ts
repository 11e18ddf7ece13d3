import { ToolgrantError } from '@toolgrant/core';
import { type OAuthOperation, oauthOperationNames } from './oauth-token-error.js';

// A request to a provider's token or revocation endpoint that produced no OAuth answer: the
// endpoint was unreachable or too slow, failed on its side, or answered something that is
// not a token response. Unlike `OAuthTokenError`, retrying later may help.

const marker = 'toolgrant.error.OAuthRequestError';
const symbol = Symbol.for(marker);

/** Why a request to a provider produced no OAuth answer. */
export type OAuthRequestFailureReason =
  | 'unreachable'
  | 'timeout'
  | 'server_error'
  | 'unexpected_response';

const advice: Record<OAuthRequestFailureReason, string> = {
  unreachable: 'the endpoint could not be reached. Check the URL and the network.',
  timeout: 'the endpoint did not answer in time. Try again later.',
  server_error: 'the provider failed on its side. Try again later.',
  unexpected_response:
    'the answer was not a valid OAuth 2.0 response. Check that the URL is the provider endpoint for this operation.',
};

/** A request to a provider's token or revocation endpoint that produced no OAuth answer. */
export class OAuthRequestError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly providerId: string;
  readonly operation: OAuthOperation;
  readonly reason: OAuthRequestFailureReason;
  /** The HTTP status, when the provider answered at all. */
  readonly status: number | undefined;

  constructor({
    providerId,
    operation,
    reason,
    url,
    status,
    problem,
    cause,
  }: {
    providerId: string;
    operation: OAuthOperation;
    reason: OAuthRequestFailureReason;
    /** The endpoint; only its origin and path appear in the message. */
    url: string;
    status?: number | undefined;
    /** What exactly was wrong with the answer, without any of its values. */
    problem?: string | undefined;
    cause?: unknown;
  }) {
    const statusText = status === undefined ? '' : ` with HTTP ${status}`;
    const problemText = problem === undefined ? '' : ` ${problem}.`;
    super({
      name: 'OAuthRequestError',
      message: `The ${oauthOperationNames[operation]} at provider '${providerId}' (${endpointOf(url)}) failed${statusText}:${problemText} ${advice[reason]}`,
      cause,
    });
    this.providerId = providerId;
    this.operation = operation;
    this.reason = reason;
    this.status = status;
  }

  static override isInstance(error: unknown): error is OAuthRequestError {
    return ToolgrantError.hasMarker(error, marker);
  }
}

function endpointOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'invalid URL';
  }
}
