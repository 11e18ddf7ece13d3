import type { OAuthPageOutcome } from './oauth-page-outcome.js';

/** A result page outcome with its HTTP status, machine-readable code, title and message. */
export function page(
  status: 200 | 400 | 403 | 404 | 409 | 410 | 413 | 502,
  code: string,
  title: string,
  message: string,
): OAuthPageOutcome {
  return { type: 'page', status, code, title, message };
}
