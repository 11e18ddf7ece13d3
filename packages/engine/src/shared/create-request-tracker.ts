// Requests in flight, counted until their answer is written (over HTTP, until the response
// closes), so that closing neither cuts an answer short nor waits for idle keep-alive sockets.

/** Counts requests in flight, and tells when the last one is done. */
export interface RequestTracker {
  /** Counts one request; call the returned function when its answer is written (once or more). */
  track(): () => void;
  /** Resolves once no request is in flight (at once when none is). */
  idle(): Promise<void>;
}

/** A tracker with no request in flight. */
export function createRequestTracker(): RequestTracker {
  let inFlight = 0;
  let onIdle: (() => void) | undefined;
  return {
    track() {
      inFlight += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
        if (inFlight === 0) onIdle?.();
      };
    },
    idle() {
      if (inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => {
        onIdle = resolve;
      });
    },
  };
}
