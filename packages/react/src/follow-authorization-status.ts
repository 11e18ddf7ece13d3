// The long-poll against the app's status route (`createAuthorizationStatusHandler`): each
// request is held by the engine until the status changes or its wait ends, then the next one
// starts. No timer, no polling interval.

/** How a followed authorization ended: completed, or failed with words for the person. */
export type AuthorizationOutcome = { status: 'completed' } | { status: 'failed'; error: string };

/** Follows one authorization until it completes or fails; never resolves once `signal` aborts. */
export async function followAuthorizationStatus({
  statusUrl,
  id,
  providerName,
  signal,
}: {
  statusUrl: string;
  id: string;
  providerName: string;
  signal: AbortSignal;
}): Promise<AuthorizationOutcome> {
  const url = `${statusUrl}${statusUrl.includes('?') ? '&' : '?'}id=${encodeURIComponent(id)}`;
  for (;;) {
    const response = await fetch(url, { signal, cache: 'no-store' }).catch(() => undefined);
    if (signal.aborted) return new Promise(() => {});
    if (!response) {
      return { status: 'failed', error: 'Lost contact with the server while waiting.' };
    }
    const body = (await response.json().catch(() => ({}))) as { status?: string; error?: string };
    if (!response.ok) {
      return {
        status: 'failed',
        error: body.error ?? `The server answered ${response.status} about this authorization.`,
      };
    }
    if (body.status === 'completed') return { status: 'completed' };
    if (body.status === 'failed') {
      return {
        status: 'failed',
        error: `The authorization at ${providerName} did not go through: it was denied, cancelled or expired.`,
      };
    }
  }
}
