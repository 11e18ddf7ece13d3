// The provider's page in a named popup, so the chat stays in view and "Try again" reuses the
// same window. Where popups are blocked, the page itself goes to the provider: the app keeps
// its conversation (local storage, a database) and the card picks the wait up on return.

/** The name of the popup every authorization opens in. */
export const authorizationWindowName = 'toolgrant-authorization';

const popupFeatures = 'popup,width=520,height=720';

/**
 * Opens `url` in the authorization popup, or, when popups are blocked, in this page. Returns the
 * popup, or null when this page went.
 */
export function openAuthorizationWindow(url: string): Window | null {
  const popup = window.open(url, authorizationWindowName, popupFeatures);
  if (!popup) window.location.assign(url);
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
