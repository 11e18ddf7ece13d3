import { describe, expect, it } from 'vitest';
import { renderConsentPage, renderLoginPage } from './interaction-pages.js';

describe('interaction pages', () => {
  it('labels the login fields and escapes what the client chose to be called', () => {
    const html = renderLoginPage({
      formAction: '/interaction/u1/login',
      clientName: '<script>alert(1)</script>',
      demoLogins: [{ username: 'alice', password: 'alice-password' }],
    });
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('lists the requested scopes with Allow and Deny buttons', () => {
    const html = renderConsentPage({
      formAction: '/interaction/u1/consent',
      clientName: 'Toolgrant',
      username: 'alice',
      scopes: [{ name: 'inbox.read', description: 'Read your inbox' }],
    });
    expect(html).toContain('Authorize Toolgrant');
    expect(html).toContain('Read your inbox');
    expect(html).toContain('value="allow">Allow</button>');
    expect(html).toContain('value="deny" class="secondary">Deny</button>');
  });
});
