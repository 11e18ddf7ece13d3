// Which failed authorizations this engine process has already answered `failed` for. The
// official client's `auth.waitForCompletion` loops until `completed` and asks again at once, so
// answering a failed flow at once on every long-poll spins that loop (and the engine) for ever.
// Arcade's engine answers a long-poll only when the authorization completes or the wait ends
// (its API reference for GET /v1/auth/status: "If 'wait' param is present, does not respond
// until either the auth status becomes completed or the timeout is reached"). Toolgrant answers
// the first long-poll that finds a flow failed at once, so that a waiter (core's
// `waitForAuthorization`, a resumed run) learns it without delay, and holds later ones for their
// whole wait, as Arcade does: the loop then costs one request per wait instead of a busy CPU.

/** Remembers, per engine process, which failed flows were already reported. */
export interface FailureReports {
  /** Records that `id` was answered `failed`; true if it had been before. */
  reportedBefore(id: string): boolean;
}

/** Bounded: the oldest entries go first past `maxEntries`, and after `keepMs`. */
export function createFailureReports({
  clock,
  maxEntries = 10_000,
  keepMs = 15 * 60 * 1000,
}: {
  clock: () => Date;
  maxEntries?: number;
  keepMs?: number;
}): FailureReports {
  /** Flow id → when it was first reported; in insertion order, so the oldest come first. */
  const reported = new Map<string, number>();
  return {
    reportedBefore(id) {
      const now = clock().getTime();
      for (const [oldId, at] of reported) {
        if (now - at < keepMs && reported.size < maxEntries) break;
        reported.delete(oldId);
      }
      if (reported.has(id)) return true;
      reported.set(id, now);
      return false;
    },
  };
}
