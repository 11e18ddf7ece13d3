// The completion signal of an MCP authorization. An MCP server cannot be asked whether the
// person finished at its page (the 2026-07-28 URL mode says the client cannot know; the retry
// with `accept` is how the server is asked), so the popup closing is the sign that they are done
// there. Browsers send no event when a window of another origin closes: `closed` is read on an
// interval, the one timer in this package.

const intervalMs = 400;

/** Resolves once `popup` has closed; never resolves once `signal` aborts. */
export function waitForPopupClose({
  popup,
  signal,
}: {
  popup: Pick<Window, 'closed'>;
  signal: AbortSignal;
}): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return;
    const timer = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(timer);
      resolve();
    }, intervalMs);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  });
}
