import type { OAuthPageOutcome } from './oauth-page-outcome.js';

// The engine's own pages in the user's browser: a result page, or the API-key form. Plain
// HTML without scripts; every value is escaped.

/** The HTML of a result page or the API-key form, every value escaped. */
export function renderOAuthPage(outcome: Exclude<OAuthPageOutcome, { type: 'redirect' }>): string {
  if (outcome.type === 'page') {
    return layout({
      title: outcome.title,
      kind: outcome.status < 400 ? 'done' : 'error',
      body: `<h1>${escapeHtml(outcome.title)}</h1>
<p>${escapeHtml(outcome.message)}</p>
<p class="code">${escapeHtml(outcome.code)}</p>`,
    });
  }
  const name = escapeHtml(outcome.providerName);
  return layout({
    title: `Connect ${outcome.providerName}`,
    kind: 'api-key',
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

function layout({ title, kind, body }: { title: string; kind: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}
.code{color:#777;font-size:.85rem}.problem{color:#b00020}
input{display:block;width:100%;padding:.5rem;margin:.5rem 0 1rem;box-sizing:border-box}
button{padding:.5rem 1rem}
</style>
</head>
<body data-toolgrant-page="${kind}">
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
