import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { page } from './oauth-page.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';
import { oauthPageScriptSource, renderOAuthPage } from './render-oauth-page.js';

// What the person sees at the end of an authorization: words, not codes; and a completed
// authorization's popup closes itself with the one script the page's CSP allows.

const visibleText = (html: string) =>
  html
    .replace(/<(script|style)>[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

function render(outcome: OAuthPageOutcome): string {
  if (outcome.type === 'redirect') throw new Error('expected a page, got a redirect');
  return renderOAuthPage(outcome);
}

describe('renderOAuthPage', () => {
  const completed = render(
    page(200, 'authorization_completed', 'Authorization complete', 'You are connected.'),
  );
  const denied = render(
    page(400, 'provider_error', 'Authorization denied', 'Access was not granted.'),
  );

  it('shows the title and message, and keeps the code out of the visible text', () => {
    expect(visibleText(completed)).toContain('Authorization complete You are connected.');
    expect(visibleText(completed)).not.toContain('authorization_completed');
    expect(completed).toContain('data-code="authorization_completed"');
    expect(visibleText(denied)).not.toContain('provider_error');
    expect(denied).toContain('data-code="provider_error"');
  });

  it('closes a completed popup with the one script whose hash the CSP allows', () => {
    const scripts = [...completed.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
      (match) => match[1] ?? '',
    );
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toContain('window.opener');
    // @toolgrant/react cuts the opener of an MCP link's popup and names it.
    expect(scripts[0]).toContain("window.name === 'toolgrant-authorization'");
    expect(scripts[0]).toContain('window.close()');
    const hash = createHash('sha256')
      .update(scripts[0] ?? '')
      .digest('base64');
    expect(oauthPageScriptSource).toBe(`'sha256-${hash}'`);
  });

  it('leaves a failed authorization open for the person to read', () => {
    expect(denied).not.toContain('<script');
  });
});
