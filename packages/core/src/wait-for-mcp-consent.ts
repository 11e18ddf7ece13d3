import type { RequiredAuthorization } from './run-outcome.js';
import { createToolgrantSession, type ToolgrantSession } from './toolgrant-session.js';

// A 2025-11-25 server may announce that the user finished at its consent page, with
// `notifications/elicitation/complete` on the session that asked. Waiting for it lets the app
// continue the run by itself, as `waitForAuthorization` does for Arcade tools, instead of
// waiting for the user to say they are done. 2026-07-28 has no such notification (the retry
// itself tells), and a 2025 server need not send it: then this ends at `timeoutMs` and the app
// falls back to the user's word.

/** Options of `waitForMcpConsent`. */
export interface WaitForMcpConsentOptions {
  /** The authorization the call paused with. */
  authorization: RequiredAuthorization;
  /** The session whose connection asked; the notification arrives there. */
  session: ToolgrantSession;
  /** How long to wait; ten minutes unless given. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** How the wait ended: the server announced completion, or it cannot or did not (yet). */
export type McpConsentWait = 'completed' | 'not_announced' | 'timeout';

/** Waits until a 2025-11-25 server announces the user finished the consent this call paused for. */
export async function waitForMcpConsent({
  authorization,
  session = createToolgrantSession(),
  timeoutMs = 10 * 60_000,
  signal,
}: WaitForMcpConsentOptions): Promise<McpConsentWait> {
  const request = authorization.mcp;
  if (request?.era !== '2025-11-25') return 'not_announced';
  const connection = await session.mcp.connectionOf(request.source);
  if (!connection) return 'not_announced';
  if (connection.completed(request.elicitationId)) return 'completed';
  return new Promise<McpConsentWait>((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    void connection.completion(request.elicitationId).then(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve('completed');
    });
    void connection.closed.then(() => {
      clearTimeout(timer);
      resolve('not_announced');
    });
  });
}
