import { createHash } from 'node:crypto';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';

// The engine's own pages in the user's browser: a result page, or the API-key form. Plain
// HTML, every value escaped. The person reads words; the machine-readable code is only an
// attribute, for programs and tests. One fixed script, allowed by its hash and nothing else
// (see `oauthPageScriptSource`), closes a completed authorization's popup.

// A page in the application's popup closes itself once the person has read that they are
// connected; a page opened any other way stays. The popup is recognised by its opener or by its
// name, 'toolgrant-authorization': `@toolgrant/react` opens an MCP server's link with the opener
// cut, so that the pages it leads to cannot reach the chat, and names the window.
const closePopupScript =
  "if (window.opener || window.name === 'toolgrant-authorization') setTimeout(function () { window.close(); }, 1500);";

/** The CSP `script-src` source that allows the result page's one script, and no other. */
export const oauthPageScriptSource = `'sha256-${createHash('sha256').update(closePopupScript).digest('base64')}'`;

/** The HTML of a result page or the API-key form, every value escaped. */
export function renderOAuthPage(outcome: Exclude<OAuthPageOutcome, { type: 'redirect' }>): string {
  if (outcome.type === 'page') {
    const done = outcome.status < 400;
    return layout({
      title: outcome.title,
      kind: done ? 'done' : 'error',
      code: outcome.code,
      body: `<h1>${escapeHtml(outcome.title)}</h1>
<p>${escapeHtml(outcome.message)}</p>${done ? `\n<script>${closePopupScript}</script>` : ''}`,
    });
  }
  const name = escapeHtml(outcome.providerName);
  return layout({
    title: `Connect ${outcome.providerName}`,
    kind: 'api-key',
    code: 'api_key_form',
    body: `<h1>Connect ${name}</h1>
${outcome.description === undefined ? '' : `<p>${escapeHtml(outcome.description)}</p>`}
${outcome.problem === undefined ? '' : `<p class="problem" role="alert">${escapeHtml(outcome.problem)}</p>`}
<form method="post">
<input type="hidden" name="form_token" value="${escapeHtml(outcome.formToken)}">
<label for="api_key">Your ${name} API key</label>
<input id="api_key" name="api_key" type="password" autocomplete="off" required>
<button type="submit">Save key</button>
</form>
<p>The key is stored encrypted and used only for the tools that need it.</p>`,
  });
}

function layout({
  title,
  kind,
  code,
  body,
}: {
  title: string;
  kind: string;
  code: string;
  body: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}
.problem{color:#b00020}
input{display:block;width:100%;padding:.5rem;margin:.5rem 0 1rem;box-sizing:border-box}
button{padding:.5rem 1rem}
</style>
</head>
<body data-toolgrant-page="${kind}" data-code="${escapeHtml(code)}">
${body}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
