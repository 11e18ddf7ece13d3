// The provider's own login and consent pages: plain HTML forms that a person can use in a
// browser and that completeConsent submits over HTTP. Field names, button labels and the
// `data-testkit-page` marker are what tests and browser scripts rely on.

/** What the login page shows and where it posts. */
export type LoginPageOptions = {
  formAction: string;
  clientName: string;
  username?: string;
  errorMessage?: string;
  demoLogins: readonly { username: string; password: string }[];
};

/** What the consent page shows and where it posts. */
export type ConsentPageOptions = {
  formAction: string;
  clientName: string;
  username: string;
  scopes: readonly { name: string; description: string }[];
};

/** The provider's login page: a form for user name and password. */
export function renderLoginPage({
  formAction,
  clientName,
  username,
  errorMessage,
  demoLogins,
}: LoginPageOptions): string {
  const alert = errorMessage ? `<p role="alert" class="error">${escapeHtml(errorMessage)}</p>` : '';
  const hints = demoLogins
    .map(
      (login) =>
        `<li><code>${escapeHtml(login.username)}</code> / <code>${escapeHtml(login.password)}</code></li>`,
    )
    .join('');
  return page({
    title: 'Sign in',
    kind: 'login',
    body: `
<h1>Sign in</h1>
<p>to continue to <strong>${escapeHtml(clientName)}</strong></p>
${alert}
<form method="post" action="${escapeHtml(formAction)}">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username" required autofocus value="${escapeHtml(username ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<details><summary>Demo logins</summary><ul>${hints}</ul></details>`,
  });
}

/** The provider's consent page: the scopes asked for, with allow and deny buttons. */
export function renderConsentPage({
  formAction,
  clientName,
  username,
  scopes,
}: ConsentPageOptions): string {
  const items = scopes
    .map(
      (scope) =>
        `<li><strong>${escapeHtml(scope.description)}</strong> <code>${escapeHtml(scope.name)}</code></li>`,
    )
    .join('');
  return page({
    title: `Authorize ${clientName}`,
    kind: 'consent',
    body: `
<h1>Authorize ${escapeHtml(clientName)}</h1>
<p>Signed in as <strong>${escapeHtml(username)}</strong>. <strong>${escapeHtml(clientName)}</strong> asks to:</p>
<ul>${items}</ul>
<form method="post" action="${escapeHtml(formAction)}">
  <button type="submit" name="decision" value="allow">Allow</button>
  <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`,
  });
}

/** A provider page that only shows a title and a message. */
export function renderMessagePage({ title, message }: { title: string; message: string }): string {
  return page({
    title,
    kind: 'message',
    body: `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>`,
  });
}

function page({ title, kind, body }: { title: string; kind: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Toolgrant test provider</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
  form { display: grid; gap: .5rem; margin: 1rem 0; }
  input { font-size: 1rem; padding: .5rem; }
  button { font-size: 1rem; padding: .6rem; cursor: pointer; background: #1f6feb; color: #fff; border: 0; border-radius: .3rem; }
  button.secondary { background: #eaeef2; color: #1f2328; }
  .error { color: #cf222e; }
  details { color: #57606a; }
</style>
</head>
<body data-testkit-page="${kind}">
<p><small>Toolgrant test provider</small></p>
${body}
</body>
</html>`;
}

/** Escapes text for use in HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
