import type { AuthFlow, Store } from '../store/store.js';
import { hashBrowserSecret, isBoundBrowser } from './browser-binding.js';
import { page } from './oauth-page.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';

/**
 * Binds a pending flow to the browser opening its link, or answers why this browser cannot
 * use it. The first browser wins: a link forwarded after it was opened (or opened by someone
 * who intercepted it) cannot take the flow over, and the flow stays usable for its owner.
 */
export async function bindFlowToBrowser({
  store,
  flow,
  browserSecret,
}: {
  store: Store;
  flow: AuthFlow;
  browserSecret: string;
}): Promise<AuthFlow | OAuthPageOutcome> {
  if (isBoundBrowser(flow, browserSecret)) return flow;
  const bound =
    flow.browserBindingHash === undefined
      ? await store.bindFlowToBrowser({
          flowId: flow.id,
          browserBindingHash: hashBrowserSecret(browserSecret),
        })
      : flow;
  if (bound === undefined) {
    return page(
      410,
      'authorization_link_used',
      'Authorization link no longer valid',
      'This authorization link has expired or was already used. Go back to the application and start the authorization again.',
    );
  }
  if (!isBoundBrowser(bound, browserSecret)) {
    return page(
      409,
      'authorization_opened_elsewhere',
      'Authorization link opened in another browser',
      'This authorization link was already opened in another browser, and only that browser can complete it. Open the link in the same browser you started in, or go back to the application and start the authorization again here.',
    );
  }
  return bound;
}
