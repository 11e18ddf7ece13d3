// The provider's page in a named popup, so the chat stays in view and "Try again" reuses the
// same window. Where popups are blocked, the page itself goes to the provider: the app keeps
// its conversation (local storage, a database) and the card picks the wait up on return. An MCP
// server's link opens in a popup cut off from this page (`openIsolated`).

/** The name of the popup every authorization opens in. */
export const authorizationWindowName = 'toolgrant-authorization';

const popupFeatures = 'popup,width=520,height=720';

/**
 * Opens `url` in the authorization popup, or, when popups are blocked, in this page. Returns the
 * popup, or null when this page went. `isolated` (an MCP server's link): see `openIsolated`.
 */
export function openAuthorizationWindow(
  url: string,
  { isolated = false }: { isolated?: boolean } = {},
): Window | null {
  const popup = isolated
    ? openIsolated()
    : window.open(url, authorizationWindowName, popupFeatures);
  if (!popup) window.location.assign(url);
  else if (isolated) popup.location.href = url;
  return popup;
}

/**
 * A new blank popup whose `opener` is cut before it goes anywhere. An MCP server's link leads
 * to pages the app does not choose (the provider behind the app's own engine it does): cut off,
 * they get no handle on this page and cannot send it elsewhere (reverse tabnabbing). This page
 * can then no longer send that popup elsewhere or find it by its name either, which an MCP
 * consent does not need: it has no "Try again", and the card only watches the popup close. The
 * name is set all the same, as the engine's result page closes the window by it.
 */
function openIsolated(): Window | null {
  const popup = window.open('', '_blank', popupFeatures);
  if (popup === null) return null;
  popup.opener = null;
  popup.name = authorizationWindowName;
  return popup;
}

/**
 * The authorization popup, opened (or found) now, while the click still counts as the user's:
 * a popup opened after an awaited request would be blocked. Null when popups are blocked.
 */
export function reserveAuthorizationWindow(): Window | null {
  return window.open('', authorizationWindowName, popupFeatures);
}

/** Sends a reserved popup to `url`; without one (blocked, or closed meanwhile), this page goes. */
export function navigateAuthorizationWindow(popup: Window | null, url: string): void {
  if (popup && !popup.closed) popup.location.href = url;
  else window.location.assign(url);
}
