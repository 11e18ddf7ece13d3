import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitForPopupClose } from './wait-for-popup-close.js';

// A popup cut off by Cross-Origin-Opener-Policy reads `closed` at once: the wait must go on
// until this page has the focus back.

afterEach(() => {
  vi.useRealTimers();
});

describe('waitForPopupClose', () => {
  it('waits for the popup to close and for this page to have the focus back', async () => {
    vi.useFakeTimers();
    const popup = { closed: false };
    let focused = false;
    let done = false;
    void waitForPopupClose({
      popup,
      signal: new AbortController().signal,
      hasFocus: () => focused,
    }).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(2000);
    expect(done).toBe(false);
    // As a COOP page does: closed at once, while the person is still in the popup.
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(done).toBe(false);
    focused = true;
    await vi.advanceTimersByTimeAsync(400);
    expect(done).toBe(true);
  });

  it('stops watching when the signal aborts', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let done = false;
    void waitForPopupClose({
      popup: { closed: true },
      signal: controller.signal,
      hasFocus: () => true,
    }).then(() => {
      done = true;
    });
    controller.abort();
    await vi.advanceTimersByTimeAsync(2000);
    expect(done).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
