import type Arcade from '@arcadeai/arcadejs';
import { NotFoundError } from '@arcadeai/arcadejs';
import { describe, expect, it } from 'vitest';
import { createRecorder, inboxOf, waitUntil } from './engine-under-test.js';
import { useEngineWithProvider } from './use-engine-with-provider.js';

// Flows do not pile up: an agent that asks again gets the link it already has, and expired
// flows are deleted on the engine's housekeeping schedule (here every 50 ms, keeping none).

const fixture = useEngineWithProvider();

/** What an agent sends each time it needs a user's inbox. */
const authorizeInbox = (client: Arcade, userId: string) =>
  client.tools.authorize({ tool_name: 'Inbox.ListMessages', user_id: userId });

describe('authorize for a user who already has a pending flow', () => {
  it('hands out the same flow (id and link) to repeated and concurrent calls; the store holds one', async () => {
    const { underTest } = fixture;
    const { client } = underTest;
    const first = await authorizeInbox(client, 'alice');
    expect(first.status).toBe('pending');
    const again = await authorizeInbox(client, 'alice');
    expect(again).toEqual(first);
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => authorizeInbox(client, 'alice')),
    );
    for (const each of concurrent) expect(each).toEqual(first);
    const flows = underTest.dumpStore().flows.filter((flow) => flow.user_id === 'alice');
    expect(flows.map((flow) => flow.id)).toEqual([first.id]);

    // The reused link works, once; the next call after completion says completed.
    const consent = await fixture.provider.completeConsent({
      authorizationUrl: again.url ?? '',
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);
    expect((await client.auth.waitForCompletion(first)).status).toBe('completed');
    const afterwards = await authorizeInbox(client, 'alice');
    expect(afterwards.status).toBe('completed');
    const result = await client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'alice',
    });
    expect(inboxOf(result).user.id).toBe('alice');
  });

  it('starts a new flow for another user, another provider, or once the link was opened at the provider', async () => {
    const { underTest } = fixture;
    const { client } = underTest;
    const bob = await authorizeInbox(client, 'bob');
    const carol = await authorizeInbox(client, 'carol');
    const bobWeather = await client.tools.authorize({
      tool_name: 'Weather.Current',
      user_id: 'bob',
    });
    expect(new Set([bob.id, carol.id, bobWeather.id]).size).toBe(3);

    // The provider's answer consumed bob's state: that flow can no longer be handed out.
    const consent = await fixture.provider.completeConsent({
      authorizationUrl: bob.url ?? '',
      username: 'bob',
      password: 'bob-password',
      followCallback: false,
    });
    await fetch(consent.redirectUrl.replace('code=', 'code=tampered'));
    const next = await authorizeInbox(client, 'bob');
    expect(next.status).toBe('pending');
    expect(next.id).not.toBe(bob.id);
  });

  it('does not hand out a flow about to expire', async () => {
    const { underTest } = fixture;
    const { client } = underTest;
    const first = await authorizeInbox(client, 'dave');
    underTest.expireFlow(first.id ?? '');
    const next = await authorizeInbox(client, 'dave');
    expect(next.id).not.toBe(first.id);
    expect(next.status).toBe('pending');
  });
});

describe('the housekeeping schedule', () => {
  it('deletes an expired flow on its next round and leaves the others; its status is then 404', async () => {
    const recorder = createRecorder();
    const underTest = await fixture.launcher.start({
      recorder,
      engineOptions: { housekeepingIntervalMs: 50, flowRetentionMs: 0 },
    });
    const { client } = underTest;
    const expired = await authorizeInbox(client, 'erin');
    const live = await authorizeInbox(client, 'frank');
    const before = underTest.dumpStore();
    underTest.expireFlow(expired.id ?? '');

    await waitUntil(() => !underTest.dumpStore().flows.some((flow) => flow.id === expired.id), {
      description: 'the housekeeping deleted the expired flow',
      timeoutMs: 5_000,
    });
    // Only that row went; the rest is as it was.
    expect(underTest.dumpStore()).toEqual({
      ...before,
      flows: before.flows.filter((flow) => flow.id !== expired.id),
    });
    expect(recorder.logLines.join('\n')).toContain('Deleted expired authorization flows');
    const gone = await client.auth
      .status({ id: expired.id ?? '' })
      .catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect((gone as NotFoundError).message).toContain(`There is no authorization '${expired.id}'`);
    expect((gone as NotFoundError).message).toContain('flowRetentionMs');
    expect((await client.auth.status({ id: live.id ?? '' })).status).toBe('pending');
    await underTest.stop();
  });
});
