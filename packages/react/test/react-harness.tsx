import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';
import {
  type UseAuthorizationOptions,
  type UseAuthorizationResult,
  useAuthorization,
} from '../src/index.js';

// React's real renderer in happy-dom, for the hook and the card. The popup is the one browser
// part stood in for: happy-dom has no popup blocker, so `window.open` records the URL and says
// whether a popup opened, and the test closes it as the person (or the page in it) would.

let root: Root | undefined;

/** Unmounts what a test rendered and restores the stubs: each test's `afterEach`. */
export async function cleanUp() {
  await act(async () => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
}

/** Records `window.open` and answers with a popup, or null as a popup blocker does. */
export function stubPopups({ blocked = false } = {}) {
  const opened: { url: string; name: string | undefined }[] = [];
  const popup = {
    closed: false,
    // What an isolated popup's opener and name are set to.
    opener: window as Window | null,
    name: '',
    location: { href: '' },
    close() {
      popup.closed = true;
    },
  };
  vi.spyOn(window, 'open').mockImplementation((url, name) => {
    opened.push({ url: String(url ?? ''), name });
    if (blocked) return null;
    if (url) popup.location.href = String(url);
    return popup as unknown as Window;
  });
  const assigned: string[] = [];
  vi.spyOn(window.location, 'assign').mockImplementation((url) => {
    assigned.push(String(url));
  });
  return { opened, popup, assigned };
}

export function render(element: ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  root ??= createRoot(container);
  const current = root;
  return act(async () => current.render(element));
}

/** Renders the hook and hands each result to `onResult`, as a card would read it. */
function Probe({
  onResult,
  ...options
}: UseAuthorizationOptions & { onResult: (result: UseAuthorizationResult) => void }) {
  onResult(useAuthorization(options));
  return null;
}

/** Renders the hook and keeps its latest result. */
export async function renderHook(options: UseAuthorizationOptions) {
  const results: UseAuthorizationResult[] = [];
  const onResult = (result: UseAuthorizationResult) => void results.push(result);
  await render(<Probe {...options} onResult={onResult} />);
  return {
    latest: () => results.at(-1) as UseAuthorizationResult,
    rerender: (next: UseAuthorizationOptions) => render(<Probe {...next} onResult={onResult} />),
  };
}

export const until = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 20 });
