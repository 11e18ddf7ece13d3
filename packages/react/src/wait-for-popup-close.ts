// The completion signal of an MCP authorization. An MCP server cannot be asked whether the
// person finished at its page (the 2026-07-28 URL mode says the client cannot know; the retry
// with `accept` is how the server is asked), so the popup closing is the sign that they are done
// there. Browsers send no event when a window of another origin closes: `closed` is read on an
// interval, the one timer in this package.
//
// A page that sets Cross-Origin-Opener-Policy (many sign-in pages do) cuts the popup off from
// this page: `closed` reads true at once while the person is still there. So a close counts
// only once this page has the focus back, which it does not while the person works in the popup.

const intervalMs = 400;

/** Resolves once `popup` has closed and this page has the focus; never once `signal` aborts. */
export function waitForPopupClose({
  popup,
  signal,
  hasFocus = () => document.hasFocus(),
}: {
  popup: Pick<Window, 'closed'>;
  signal: AbortSignal;
  /** Whether this page has the focus (a test may say). */
  hasFocus?: () => boolean;
}): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return;
    const timer = setInterval(() => {
      if (!popup.closed || !hasFocus()) return;
      clearInterval(timer);
      resolve();
    }, intervalMs);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  });
}
