/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep({
  ms,
  signal,
}: {
  ms: number;
  signal?: AbortSignal | undefined;
}): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    if (signal?.aborted) done();
    else signal?.addEventListener('abort', done, { once: true });
  });
}
