import { InvalidEngineOptionsError } from '../shared/invalid-engine-options-error.js';

/**
 * `dev`: the callback completes the flow at once; anyone holding the link can complete it.
 * `verifierUrl`: the callback sends the browser to the application's verifier page with
 * `flow_id`, and the flow completes only when the application calls `confirm_user` with the
 * user the flow was started for.
 */
export type UserVerification = { mode: 'dev' } | { verifierUrl: string };

/** The verifier page's URL; undefined in dev mode. */
export function parseUserVerification(userVerification: UserVerification): string | undefined {
  if ('mode' in userVerification && userVerification.mode === 'dev') return undefined;
  const verifierUrl = (userVerification as { verifierUrl?: unknown }).verifierUrl;
  if (typeof verifierUrl === 'string') {
    try {
      const url = new URL(verifierUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // Reported below.
    }
  }
  throw new InvalidEngineOptionsError({
    option: 'userVerification',
    message:
      "userVerification must be { mode: 'dev' } or { verifierUrl: 'https://your.app/verify' } (an absolute http or https URL of your app's page that calls POST /v1/auth/confirm_user).",
  });
}
