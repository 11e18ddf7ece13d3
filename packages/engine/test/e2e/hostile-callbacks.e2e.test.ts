import { BadRequestError } from '@arcadeai/arcadejs';
import { describe, expect, it } from 'vitest';
import { authorizeAndConsent } from './authorize-and-consent.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { expectOnlyFlowFailed } from './expect-only-flow-failed.js';
import { loadCallback } from './load-callback.js';
import { useEngineWithProvider } from './use-engine-with-provider.js';

// Callbacks nobody should trust, sent to the engine over HTTP as a browser (or an attacker)
// would. Each gets a clear answer, and the store is read before and after: nothing is stored,
// and at most the one flow the callback names is marked failed.

const fixture = useEngineWithProvider();

/** Starts an authorization and consents; the provider's redirect back is not followed yet. */
async function consentWithoutCallback(
  target: EngineUnderTest,
  { userId, approve = true }: { userId: 'alice' | 'bob'; approve?: boolean },
) {
  const { authorization, consent } = await authorizeAndConsent({
    client: target.client,
    provider: fixture.provider,
    userId,
    approve,
    followCallback: false,
  });
  expect(authorization.status).toBe('pending');
  // What the consenting browser sends back to the engine (its binding cookie).
  const cookie = consent.cookieJar.headerFor(new URL(consent.redirectUrl));
  return { authorization, consent, cookie };
}

async function expectAuthorizationFailed(target: EngineUnderTest, id: string | undefined) {
  const status = await target.client.auth.status({ id: id ?? '' });
  expect(status.status).toBe('failed');
}

describe('hostile callbacks over HTTP', () => {
  it('answers a callback without state with 400 and changes nothing', async () => {
    await consentWithoutCallback(fixture.underTest, { userId: 'alice' });
    const before = fixture.underTest.dumpStore();
    const answer = await loadCallback(
      `${fixture.underTest.url}/v1/oauth/callback?code=stolen-code`,
    );
    expect(answer).toMatchObject({ status: 400, code: 'state_missing' });
    expect(answer.message).toMatch(/without a state parameter.*start the authorization again/);
    expect(fixture.underTest.dumpStore()).toEqual(before);
  });

  it('answers an unknown state with 400 and changes nothing', async () => {
    const before = fixture.underTest.dumpStore();
    expect(before.flows.length).toBeGreaterThan(0);
    const answer = await loadCallback(
      `${fixture.underTest.url}/v1/oauth/callback?code=stolen-code&state=forged-state-value`,
    );
    expect(answer).toMatchObject({ status: 400, code: 'state_unknown' });
    expect(answer.message).toMatch(/does not belong to any authorization the engine started/);
    expect(fixture.underTest.dumpStore()).toEqual(before);

    // A browser gets the same answer as a page.
    const page = await fetch(`${fixture.underTest.url}/v1/oauth/callback?code=x&state=forged`, {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('does not belong to any authorization');
  });

  it('answers a replayed callback with 400 and changes nothing', async () => {
    const { authorization, consent, cookie } = await consentWithoutCallback(fixture.underTest, {
      userId: 'alice',
    });
    const first = await fetch(consent.redirectUrl, {
      redirect: 'manual',
      headers: { cookie: cookie ?? '' },
    });
    expect(first.status).toBe(200);
    expect(
      (await fixture.underTest.client.auth.status({ id: authorization.id ?? '' })).status,
    ).toBe('completed');
    const before = fixture.underTest.dumpStore();

    // Replayed from the same browser: its cookie does not make a spent state usable.
    const replay = await loadCallback(consent.redirectUrl, cookie);
    expect(replay).toMatchObject({ status: 400, code: 'state_already_used' });
    expect(replay.message).toMatch(/already handled; a response is accepted only once/);
    expect(fixture.underTest.dumpStore()).toEqual(before);
    expect(
      (await fixture.underTest.client.auth.status({ id: authorization.id ?? '' })).status,
    ).toBe('completed');
  });

  it('answers an expired state with 400, fails that flow and stores nothing', async () => {
    const { authorization, consent, cookie } = await consentWithoutCallback(fixture.underTest, {
      userId: 'bob',
    });
    // As if the user had taken longer than ten minutes at the fixture.provider.
    fixture.underTest.expireFlow(authorization.id ?? '');
    const before = fixture.underTest.dumpStore();

    const answer = await loadCallback(consent.redirectUrl, cookie);
    expect(answer).toMatchObject({ status: 400, code: 'state_expired' });
    expect(answer.message).toMatch(/longer than 10 minutes and has expired/);
    expectOnlyFlowFailed({
      before,
      after: fixture.underTest.dumpStore(),
      flowId: authorization.id ?? '',
    });
    await expectAuthorizationFailed(fixture.underTest, authorization.id);
  });

  it("answers the provider's error parameter with 400, fails that flow and stores nothing", async () => {
    const { authorization, consent, cookie } = await consentWithoutCallback(fixture.underTest, {
      userId: 'bob',
      approve: false,
    });
    expect(consent.error).toBe('access_denied');
    const before = fixture.underTest.dumpStore();

    const answer = await loadCallback(consent.redirectUrl, cookie);
    expect(answer).toMatchObject({ status: 400, code: 'provider_error' });
    expect(answer.message).toMatch(/Access was not granted at the provider/);
    expectOnlyFlowFailed({
      before,
      after: fixture.underTest.dumpStore(),
      flowId: authorization.id ?? '',
    });
    await expectAuthorizationFailed(fixture.underTest, authorization.id);
  });

  it('answers a failing code exchange with 502, fails that flow and stores nothing', async () => {
    const { authorization, consent, cookie } = await consentWithoutCallback(fixture.underTest, {
      userId: 'bob',
    });
    // The grant is gone at the provider, so the code no longer exchanges (invalid_grant).
    fixture.provider.revokeGrants({ userId: 'bob' });
    const before = fixture.underTest.dumpStore();

    const answer = await loadCallback(consent.redirectUrl, cookie);
    expect(answer).toMatchObject({ status: 502, code: 'code_exchange_failed' });
    expect(answer.message).toMatch(/could not exchange the authorization for a token at 'testkit'/);
    expect(fixture.provider.tokenRequestLog.at(-1)).toMatchObject({
      grantType: 'authorization_code',
      error: 'invalid_grant',
    });
    expectOnlyFlowFailed({
      before,
      after: fixture.underTest.dumpStore(),
      flowId: authorization.id ?? '',
    });
    await expectAuthorizationFailed(fixture.underTest, authorization.id);
  });

  it('fails a flow confirmed for another user in verifier mode, storing nothing; the right user completes', async () => {
    const verifierUrl = 'https://app.example/verify';
    const verified = await fixture.launcher.start({ userVerification: { verifierUrl } });

    const { authorization, consent, cookie } = await consentWithoutCallback(verified, {
      userId: 'alice',
    });
    const before = verified.dumpStore();
    const redirect = await fetch(consent.redirectUrl, {
      redirect: 'manual',
      headers: { cookie: cookie ?? '' },
    });
    expect(redirect.status).toBe(302);
    const verifier = new URL(redirect.headers.get('location') ?? '');
    expect(`${verifier.origin}${verifier.pathname}`).toBe(verifierUrl);
    const flowId = verifier.searchParams.get('flow_id') ?? '';
    expect(flowId).toBe(authorization.id);
    // Held for confirmation, not yet a connection.
    expect(verified.dumpStore().connections).toEqual(before.connections);
    expect((await verified.client.auth.status({ id: flowId })).status).toBe('pending');

    const mismatch = await verified.client.auth
      .confirmUser({ flow_id: flowId, user_id: 'mallory' })
      .catch((error: unknown) => error);
    expect(mismatch).toBeInstanceOf(BadRequestError);
    expect((mismatch as BadRequestError).message).toMatch(
      /started for another user than 'mallory', so it has failed and nothing was stored/,
    );
    expectOnlyFlowFailed({ before, after: verified.dumpStore(), flowId });
    await expectAuthorizationFailed(verified, flowId);
    // Failed for good: the right user cannot complete it afterwards either.
    await expect(
      verified.client.auth.confirmUser({ flow_id: flowId, user_id: 'alice' }),
    ).rejects.toMatchObject({ status: 409 });
    expect(verified.dumpStore().connections).toEqual(before.connections);

    // The same steps with the user the flow was started for complete it.
    const second = await consentWithoutCallback(verified, { userId: 'alice' });
    const secondRedirect = await fetch(second.consent.redirectUrl, {
      redirect: 'manual',
      headers: { cookie: second.cookie ?? '' },
    });
    const secondFlowId =
      new URL(secondRedirect.headers.get('location') ?? '').searchParams.get('flow_id') ?? '';
    const confirmed = await verified.client.auth.confirmUser({
      flow_id: secondFlowId,
      user_id: 'alice',
    });
    expect(confirmed.auth_id).toBe(second.authorization.id);
    expect((await verified.client.auth.waitForCompletion(second.authorization)).status).toBe(
      'completed',
    );
    expect(verified.dumpStore().connections.map((row) => row.user_id)).toEqual(['alice']);
  });
});
