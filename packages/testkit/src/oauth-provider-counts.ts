import type { InboxApiCounts } from './inbox-api.js';

/** One request to the provider's token endpoint, as recorded for tests. */
export type TokenRequestRecord = {
  grantType: string;
  clientId: string | undefined;
  /** How the client sent its credentials. */
  authenticationMethod: 'client_secret_basic' | 'client_secret_post' | 'none';
  status: number;
  /** The OAuth error code when the request failed, e.g. invalid_grant. */
  error: string | undefined;
};

/** What the test provider has counted: token requests, and requests to the inbox API. */
export type OAuthProviderCounts = {
  /** Every request to the token endpoint, whatever its outcome. */
  tokenRequests: number;
  tokenRequestsByGrantType: Record<string, number>;
  /** authorization_code requests. */
  codeExchanges: number;
  /** refresh_token requests, successful or not. */
  refresh: number;
  /** refresh_token requests the provider rejected. */
  refreshFailures: number;
  /** Requests to the revocation endpoint. */
  revocations: number;
  api: InboxApiCounts;
};

/** Counters at zero. */
export function emptyCounts(): OAuthProviderCounts {
  return {
    tokenRequests: 0,
    tokenRequestsByGrantType: {},
    codeExchanges: 0,
    refresh: 0,
    refreshFailures: 0,
    revocations: 0,
    api: { requests: 0, byStatus: {} },
  };
}

/** Counts one answered token request by its grant type and outcome. */
export function countTokenRequest(
  counts: OAuthProviderCounts,
  { grantType, status }: { grantType: string; status: number },
): void {
  counts.tokenRequests += 1;
  counts.tokenRequestsByGrantType[grantType] =
    (counts.tokenRequestsByGrantType[grantType] ?? 0) + 1;
  if (grantType === 'authorization_code') counts.codeExchanges += 1;
  if (grantType === 'refresh_token') {
    counts.refresh += 1;
    if (status >= 400) counts.refreshFailures += 1;
  }
}

/**
 * Zeroes the counters and empties the log in place: tests, the inbox API and the token
 * endpoint keep the objects they were handed.
 */
export function resetCounts({
  counts,
  tokenRequestLog,
}: {
  counts: OAuthProviderCounts;
  tokenRequestLog: TokenRequestRecord[];
}): void {
  Object.assign(counts, emptyCounts(), { api: counts.api });
  counts.api.requests = 0;
  counts.api.byStatus = {};
  tokenRequestLog.length = 0;
}
