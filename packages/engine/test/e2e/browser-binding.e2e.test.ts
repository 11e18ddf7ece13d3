import { ConflictError } from '@arcadeai/arcadejs';
import { CookieJar } from '@toolgrant/testkit';
import { describe, expect, it } from 'vitest';
import { createTestBrowser } from '../test-browser.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { expectOnlyFlowFailed } from './expect-only-flow-failed.js';
import { loadCallback } from './load-callback.js';
import { useEngineWithProvider } from './use-engine-with-provider.js';

// Each flow belongs to the browser that opened its link: the engine sets a binding cookie at
// /v1/oauth/start (and on the API-key form) and accepts the provider's response only with it.
// Attacked over HTTP with the testkit provider as an attacker would: a forwarded link, a
// response delivered to another browser, a second browser taking an opened link over, and
// confirm_user on a flow whose response came back in the wrong browser.

const fixture = useEngineWithProvider();

async function authorize(target: EngineUnderTest, userId: string) {
  const authorization = await target.client.tools.authorize({
    tool_name: 'Inbox.ListMessages',
    user_id: userId,
  });
  expect(authorization.status).toBe('pending');
  return { id: authorization.id ?? '', url: authorization.url ?? '' };
}

/** Alice logs in at the provider and consents to the link `url`, in a new browser or `cookieJar`. */
const consentAsAlice = (
  url: string,
  options: { followCallback?: boolean; cookieJar?: CookieJar } = {},
) =>
  fixture.provider.completeConsent({
    authorizationUrl: url,
    username: 'alice',
    password: 'alice-password',
    ...options,
  });

const wrongBrowserMessage =
  /not started in this browser.*stopped and nothing was connected\. Open the link in the same browser you started in/;

describe('the binding cookie', () => {
  it('is set by the link as HttpOnly, SameSite=Lax, for /v1/oauth only, and its hash is stored', async () => {
    const { id, url } = await authorize(fixture.underTest, 'alice');
    const browser = createTestBrowser();
    const opened = await browser.get(url);
    expect(opened.status).toBe(302);
    expect(opened.setCookie).toHaveLength(1);
    const [cookie] = opened.setCookie;
    expect(cookie).toMatch(
      /^toolgrant_browser=[\w-]{43}; Path=\/v1\/oauth; Max-Age=3600; HttpOnly; SameSite=Lax$/,
    );
    const secret = cookie?.split(';')[0]?.split('=')[1] ?? '';
    const flow = fixture.underTest.dumpStore().flows.find((row) => row.id === id);
    // The store keeps a hash, never the cookie itself.
    expect(flow?.browser_binding_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(fixture.underTest.dumpStore())).not.toContain(secret);

    // One secret per browser: a second flow opened in it reuses the cookie.
    const second = await authorize(fixture.underTest, 'bob');
    const reopened = await browser.get(second.url);
    expect(reopened.setCookie[0]?.split(';')[0]).toBe(`toolgrant_browser=${secret}`);
  });

  it('is Secure and __Secure- prefixed when the engine is served over https', async () => {
    const behindTls = await fixture.launcher.start({ baseUrl: 'https://tools.example' });
    const { id } = await authorize(behindTls, 'alice');
    const opened = await createTestBrowser().get(`${behindTls.url}/v1/oauth/start/${id}`);
    expect(opened.status).toBe(302);
    expect(opened.setCookie[0]).toMatch(
      /^__Secure-toolgrant_browser=[\w-]{43}; Path=\/v1\/oauth; Max-Age=3600; HttpOnly; SameSite=Lax; Secure$/,
    );
  });
});

describe('a response that comes back in another browser', () => {
  it('is refused with 400 before any code exchange; the flow fails and nothing is stored', async () => {
    const { id, url } = await authorize(fixture.underTest, 'alice');
    const consent = await consentAsAlice(url, { followCallback: false });
    const exchanges = fixture.provider.counts.codeExchanges;
    const before = fixture.underTest.dumpStore();

    // The authorization response, loaded by a browser without the cookie.
    const answer = await loadCallback(consent.redirectUrl);
    expect(answer).toMatchObject({ status: 400, code: 'browser_mismatch' });
    expect(answer.message).toMatch(wrongBrowserMessage);
    expect(answer.message).not.toContain(consent.code ?? '');
    expect(fixture.provider.counts.codeExchanges).toBe(exchanges);
    expectOnlyFlowFailed({
      before,
      after: fixture.underTest.dumpStore(),
      flowId: id,
      reason: 'browser_mismatch',
    });
    expect((await fixture.underTest.client.auth.status({ id })).status).toBe('failed');

    // The spent response is worth nothing afterwards, even in the right browser.
    const afterwards = fixture.underTest.dumpStore();
    const retried = await loadCallback(
      consent.redirectUrl,
      consent.cookieJar.headerFor(new URL(consent.redirectUrl)),
    );
    expect(retried).toMatchObject({ status: 400, code: 'state_already_used' });
    expect(fixture.provider.counts.codeExchanges).toBe(exchanges);
    expect(fixture.underTest.dumpStore()).toEqual(afterwards);
  });

  it("is refused with another browser's own cookie too", async () => {
    const { id, url } = await authorize(fixture.underTest, 'alice');
    const consent = await consentAsAlice(url, { followCallback: false });
    // The attacker's browser has a binding of its own, for a flow it opened.
    const attacker = createTestBrowser();
    await attacker.get((await authorize(fixture.underTest, 'mallory')).url);
    const before = fixture.underTest.dumpStore();

    const answer = await loadCallback(
      consent.redirectUrl,
      attacker.cookieJar.headerFor(new URL(consent.redirectUrl)),
    );
    expect(answer).toMatchObject({ status: 400, code: 'browser_mismatch' });
    expect(answer.message).toMatch(wrongBrowserMessage);
    expectOnlyFlowFailed({
      before,
      after: fixture.underTest.dumpStore(),
      flowId: id,
      reason: 'browser_mismatch',
    });
  });

  it('stops a forwarded link: the attacker opens it, the victim consents, nothing is connected', async () => {
    // The attacker starts a flow for their own user id and opens its link, then sends the
    // provider's consent page on to a victim.
    const { id, url } = await authorize(fixture.underTest, 'mallory');
    const attacker = createTestBrowser();
    const opened = await attacker.get(url);
    expect(opened.status).toBe(302);
    const before = fixture.underTest.dumpStore();

    // The victim consents as alice in their own browser, which then loads the callback.
    const victim = await consentAsAlice(opened.location ?? '');
    expect(victim.code).toEqual(expect.any(String));
    expect(victim.callback?.status).toBe(400);
    expect(victim.callback?.body).toContain('Open the link in the same browser you started in');
    expectOnlyFlowFailed({
      before,
      after: fixture.underTest.dumpStore(),
      flowId: id,
      reason: 'browser_mismatch',
    });
    expect(fixture.underTest.dumpStore().connections.some((row) => row.user_id === 'mallory')).toBe(
      false,
    );
  });
});

describe('a second browser opening a link already opened', () => {
  it('gets 409 and no binding; the first browser still completes the flow', async () => {
    const { id, url } = await authorize(fixture.underTest, 'carol');
    const owner = new CookieJar();
    const first = await createTestBrowser(owner).get(url);
    expect(first.status).toBe(302);
    const before = fixture.underTest.dumpStore();

    const stranger = createTestBrowser();
    const second = await stranger.get(url, { accept: 'application/json' });
    expect(second.status).toBe(409);
    expect(JSON.parse(second.body)).toMatchObject({ code: 'authorization_opened_elsewhere' });
    expect(JSON.parse(second.body).message).toMatch(
      /already opened in another browser.*Open the link in the same browser you started in/,
    );
    expect(second.location).toBeNull();
    expect(second.setCookie).toEqual([]);
    expect(fixture.underTest.dumpStore()).toEqual(before);

    // The owner's browser opens it again (allowed) and completes it.
    const consent = await consentAsAlice(url, { cookieJar: owner });
    expect(consent.callback?.status).toBe(200);
    expect((await fixture.underTest.client.auth.status({ id })).status).toBe('completed');
    expect(fixture.underTest.dumpStore().connections.some((row) => row.user_id === 'carol')).toBe(
      true,
    );
  });

  it('gets 409 on an API-key form another browser opened, and its post changes nothing', async () => {
    const authorization = await fixture.underTest.client.tools.authorize({
      tool_name: 'Weather.Current',
      user_id: 'dave',
    });
    const url = authorization.url ?? '';
    const owner = createTestBrowser();
    expect((await owner.get(url)).status).toBe(200);
    const before = fixture.underTest.dumpStore();

    const stranger = createTestBrowser();
    const form = await stranger.get(url);
    expect(form.status).toBe(409);
    expect(form.body).toContain('already opened in another browser');
    expect(form.body).not.toContain('name="api_key"');
    // Even with a token copied from the owner's page, the stranger's post lacks the cookie.
    const ownerPage = await owner.get(url);
    const formToken = ownerPage.body.match(/name="form_token" value="([^"]*)"/)?.[1] ?? '';
    const post = await stranger.post(url, {
      form: { api_key: 'stranger-key-000000000000', form_token: formToken },
    });
    expect(post.status).toBe(403);
    expect(post.body).toContain('Open the link in the same browser you started in');
    expect(fixture.underTest.dumpStore()).toEqual(before);

    expect((await owner.submitApiKey(url, 'owner-key-111111111111')).status).toBe(200);
    expect(
      (await fixture.underTest.client.auth.status({ id: authorization.id ?? '' })).status,
    ).toBe('completed');
  });
});

describe('confirm_user', () => {
  it('cannot confirm a flow whose response came back in another browser', async () => {
    const verified = await fixture.launcher.start({
      userVerification: { verifierUrl: 'https://app.example/verify' },
    });
    expect(verified.engine.devMode).toBe(false);
    const { id, url } = await authorize(verified, 'alice');

    // Before any response, there is nothing to confirm: 409, and nothing changes.
    const early = verified.dumpStore();
    const notReady = await verified.client.auth
      .confirmUser({ flow_id: id, user_id: 'alice' })
      .catch((error: unknown) => error);
    expect(notReady).toBeInstanceOf(ConflictError);
    expect((notReady as ConflictError).message).toMatch(/still waiting for the user to finish/);
    expect(verified.dumpStore()).toEqual(early);

    const consent = await consentAsAlice(url, { followCallback: false });
    const before = verified.dumpStore();
    const answer = await loadCallback(consent.redirectUrl);
    expect(answer).toMatchObject({ status: 400, code: 'browser_mismatch' });
    // No credential was held, so the application has nothing to confirm.
    expectOnlyFlowFailed({
      before,
      after: verified.dumpStore(),
      flowId: id,
      reason: 'browser_mismatch',
    });
    const refused = await verified.client.auth
      .confirmUser({ flow_id: id, user_id: 'alice' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).message).toMatch(
      /is already failed; nothing to confirm\. Start a new authorization/,
    );
    expect(verified.dumpStore().connections).toEqual(before.connections);

    // The same steps in one browser reach the verifier, and confirm_user completes them.
    const again = await authorize(verified, 'alice');
    const inOneBrowser = await consentAsAlice(again.url);
    expect(inOneBrowser.callback?.status).toBe(302);
    expect(inOneBrowser.callback?.location).toBe(`https://app.example/verify?flow_id=${again.id}`);
    const confirmed = await verified.client.auth.confirmUser({
      flow_id: again.id,
      user_id: 'alice',
    });
    expect(confirmed.auth_id).toBe(again.id);
    expect(verified.dumpStore().connections.map((row) => row.user_id)).toEqual(['alice']);
  });
});
