import { BadRequestError } from '@arcadeai/arcadejs';
import { describe, expect, it } from 'vitest';
import { createTestBrowser } from '../test-browser.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { useEngineWithProvider } from './use-engine-with-provider.js';

// Where the engine sends a browser (next_uri) and what its API-key form accepts, attacked over
// HTTP: script and data URLs, relative and disguised URLs, origins off the allow-list, a
// stored next_uri that became unsafe, and cross-site or forged form posts.

const fixture = useEngineWithProvider();

async function refused(promise: Promise<unknown>): Promise<BadRequestError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BadRequestError);
  return error as BadRequestError;
}

function authorizeBoth(target: EngineUnderTest, nextUri: string) {
  return [
    target.client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
      next_uri: nextUri,
    }),
    target.client.auth.authorize({
      user_id: 'alice',
      auth_requirement: { provider_id: 'testkit', oauth2: { scopes: ['inbox.read'] } },
      next_uri: nextUri,
    }),
  ];
}

describe('next_uri', () => {
  const unsafe = [
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/after-consent',
    '//evil.example/after',
    'https:\\\\evil.example\\after',
    'https://app.example@evil.example/after',
    'https://user:pass@app.example/after',
    'ftp://files.example/after',
    ' https://app.example/after',
    `https://app.example/${'a'.repeat(3000)}`,
  ];

  it('refuses anything but an absolute http(s) URL with 400 naming next_uri, on both authorize routes', async () => {
    const before = fixture.underTest.dumpStore();
    for (const nextUri of unsafe) {
      for (const request of authorizeBoth(fixture.underTest, nextUri)) {
        const error = await refused(request);
        expect(error.message).toMatch(
          /next_uri (must be an absolute http or https URL of your application, such as https:\/\/app\.example\.com\/done|must not carry user info|is longer than 2048 characters)/,
        );
        // Large input is not echoed back.
        expect(error.message.length).toBeLessThan(500);
      }
    }
    expect(fixture.underTest.dumpStore()).toEqual(before);
  });

  it('sends the browser to an http(s) next_uri once the flow completes', async () => {
    const authorization = await fixture.underTest.client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'next-user',
      next_uri: 'https://app.example/done?tab=tools',
    });
    const consent = await fixture.provider.completeConsent({
      authorizationUrl: authorization.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(302);
    expect(consent.callback?.location).toBe('https://app.example/done?tab=tools');
  });

  it('limits next_uri to allowedRedirectOrigins when they are set', async () => {
    const limited = await fixture.launcher.start({
      allowedRedirectOrigins: ['https://app.example'],
    });
    const before = limited.dumpStore();
    for (const request of authorizeBoth(limited, 'https://elsewhere.example/done')) {
      const error = await refused(request);
      expect(error.message).toContain(
        'next_uri has the origin https://elsewhere.example, which is not in allowedRedirectOrigins (https://app.example); use a URL of an allowed origin, or add the origin to allowedRedirectOrigins.',
      );
    }
    expect(limited.dumpStore()).toEqual(before);

    const allowed = await limited.client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
      next_uri: 'https://app.example/done',
    });
    expect(allowed.status).toBe('pending');
  });

  it('checks a stored next_uri again before redirecting: an unsafe one gets the completion page', async () => {
    const authorization = await fixture.underTest.client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'stored-user',
      next_uri: 'https://app.example/done',
    });
    // As if the flow had been stored by an older engine that accepted anything.
    fixture.underTest.setFlowNextUri(authorization.id ?? '', 'javascript:alert(document.cookie)');
    const consent = await fixture.provider.completeConsent({
      authorizationUrl: authorization.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);
    expect(consent.callback?.location).toBeUndefined();
    expect(consent.callback?.body).toContain('You are connected');
    expect(consent.callback?.body).not.toContain('javascript:');
    expect(
      (await fixture.underTest.client.auth.status({ id: authorization.id ?? '' })).status,
    ).toBe('completed');
  });
});

describe('the API-key form', () => {
  async function openForm(userId: string) {
    const authorization = await fixture.underTest.client.tools.authorize({
      tool_name: 'Weather.Current',
      user_id: userId,
    });
    const url = authorization.url ?? '';
    const browser = createTestBrowser();
    const page = await browser.get(url);
    expect(page.status).toBe(200);
    const formToken = page.body.match(/name="form_token" value="([^"]*)"/)?.[1] ?? '';
    expect(formToken).toMatch(/^[\w-]{43}$/);
    return { id: authorization.id ?? '', url, browser, formToken };
  }

  const attackerKey = 'attacker-key-0123456789abcdef';

  it('refuses a cross-site post with 403 before reading it, and changes nothing', async () => {
    const { id, url, browser, formToken } = await openForm('eve-target');
    const before = fixture.underTest.dumpStore();

    // A page on another site posts to the form: no cookie (SameSite=Lax), foreign Origin.
    const fromEvil = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: new URLSearchParams({ api_key: attackerKey }).toString(),
    });
    expect(fromEvil.status).toBe(403);
    const body = (await fromEvil.json()) as { code: string; message: string };
    expect(body.code).toBe('cross_site_request');
    expect(body.message).toMatch(
      /sent from another site, so it was refused and nothing was stored/,
    );
    expect(JSON.stringify(body)).not.toContain('evil.example');
    expect(fixture.underTest.dumpStore()).toEqual(before);

    // Even from the user's own browser (its cookie, the real token), a cross-site post is
    // refused: the browser says where it comes from.
    const crossSite = await browser.post(url, {
      form: { api_key: attackerKey, form_token: formToken },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await browser.post(url, {
      form: { api_key: attackerKey, form_token: formToken },
      headers: { origin: new URL(url).origin, 'sec-fetch-site': 'same-site' },
    });
    expect(sameSite.status).toBe(403);
    const nullOrigin = await browser.post(url, {
      form: { api_key: attackerKey, form_token: formToken },
      headers: { origin: 'null', 'sec-fetch-site': '' },
    });
    expect(nullOrigin.status).toBe(403);
    expect(fixture.underTest.dumpStore()).toEqual(before);
    expect((await fixture.underTest.client.auth.status({ id })).status).toBe('pending');
  });

  it('refuses a post without the binding cookie or the form token with 403, and changes nothing', async () => {
    const { id, url, browser, formToken } = await openForm('eve-target-2');
    const before = fixture.underTest.dumpStore();

    // A program (no Origin) without the cookie, even with a token it somehow learnt.
    const noCookie = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: attackerKey, form_token: formToken }).toString(),
    });
    expect(noCookie.status).toBe(403);
    expect(await noCookie.text()).toContain('Open the link in the same browser you started in');
    // The right cookie, but no token or a forged one.
    for (const form of [
      { api_key: attackerKey } as Record<string, string>,
      { api_key: attackerKey, form_token: 'A'.repeat(43) },
    ]) {
      const answer = await browser.post(url, { form });
      expect(answer.status).toBe(403);
      expect(answer.body).toContain('was not sent from the form the engine showed in this browser');
    }
    expect(fixture.underTest.dumpStore()).toEqual(before);
    expect((await fixture.underTest.client.auth.status({ id })).status).toBe('pending');

    // The user's own submission from the page works.
    const saved = await browser.submitApiKey(url, 'users-own-key-1234567890');
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('You are connected');
    expect((await fixture.underTest.client.auth.status({ id })).status).toBe('completed');
    expect(
      (await fixture.underTest.readCredential({ userId: 'eve-target-2', providerId: 'weather' }))
        .accessToken,
    ).toBe('users-own-key-1234567890');
  });
});
