import type { OAuthPageOutcome } from './oauth-page-outcome.js';

export function page(
  status: 200 | 400 | 403 | 404 | 409 | 410 | 502,
  code: string,
  title: string,
  message: string,
): OAuthPageOutcome {
  return { type: 'page', status, code, title, message };
}
