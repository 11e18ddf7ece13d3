import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Arcade from '@arcadeai/arcadejs';
import { OperationAbortedError } from '@toolgrant/core';
import { completeConsent } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitApproval } from './await-approval.js';
import { type LocalStack, startLocalStack } from './start-local-stack.js';

// The wait against the real engine and provider, with piped output: what a person reads, and
// what the chat goes on with.

let parent: string;
let stack: LocalStack;

beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'toolgrant-await-approval-'));
  stack = await startLocalStack({ dataDirectory: path.join(parent, 'engine') });
});

afterAll(async () => {
  await stack?.close();
  await rm(parent, { recursive: true, force: true });
});

/** A pending authorization of the Inbox tool, for a user of its own. */
async function authorize(userId: string) {
  const authorization = await stack.client.tools.authorize({
    tool_name: 'Inbox.ListMessages',
    user_id: userId,
  });
  return {
    id: authorization.id as string,
    url: authorization.url,
    providerId: authorization.provider_id,
  };
}

function recordingOutput() {
  let printed = '';
  return { output: { write: (text: string) => (printed += text) }, printed: () => printed };
}

async function approve(authorization: { url?: string | undefined }, answer: boolean) {
  await completeConsent({
    authorizationUrl: authorization.url ?? '',
    username: stack.demoUser.username,
    password: stack.demoUser.password,
    approve: answer,
  });
}

describe('awaitApproval', () => {
  it('prints the link, waits under a plain line while piped, and says when it is approved', async () => {
    const authorization = await authorize('approving-user');
    const { output, printed } = recordingOutput();
    const waiting = awaitApproval({ client: stack.client, authorization, output });
    await approve(authorization, true);
    expect(await waiting).toBe('approved');
    expect(printed()).toBe(
      [
        `Authorize demo-mail: ${authorization.url}`,
        'Waiting for you to approve in the browser…',
        'Authorized demo-mail.',
        '',
      ].join('\n'),
    );
  }, 30_000);

  it('a refusal at the provider is declined, and said plainly', async () => {
    const authorization = await authorize('refusing-user');
    const { output, printed } = recordingOutput();
    const waiting = awaitApproval({ client: stack.client, authorization, output });
    await approve(authorization, false);
    expect(await waiting).toBe('declined');
    expect(printed()).toMatch(
      /\nAuthorization failed: it was declined, or the provider returned an error; ask again to retry\.\n$/,
    );
  }, 30_000);

  it('a wait that runs out is declined, with how long it waited', async () => {
    const authorization = await authorize('slow-user');
    const { output, printed } = recordingOutput();
    const outcome = await awaitApproval({
      client: stack.client,
      authorization,
      output,
      timeoutMs: 1_000,
    });
    expect(outcome).toBe('declined');
    expect(printed()).toMatch(
      /\nAuthorization failed: it was not approved within 1 second; ask again to retry\.\n$/,
    );
  }, 30_000);

  it('Ctrl-C stops the wait: it says so and rejects with OperationAbortedError', async () => {
    const authorization = await authorize('leaving-user');
    const { output, printed } = recordingOutput();
    const interrupted = new AbortController();
    const waiting = awaitApproval({
      client: stack.client,
      authorization,
      output,
      signal: interrupted.signal,
    });
    interrupted.abort();
    const error = await waiting.catch((reason: unknown) => reason);
    expect(OperationAbortedError.isInstance(error)).toBe(true);
    expect(printed()).toMatch(/\nStopped waiting\.\n$/);
  }, 30_000);

  it('an engine it cannot reach is declined, with what went wrong', async () => {
    const authorization = await authorize('unreachable-user');
    const { output, printed } = recordingOutput();
    const outcome = await awaitApproval({
      client: new Arcade({ apiKey: stack.apiKey, baseURL: 'http://127.0.0.1:9', maxRetries: 0 }),
      authorization,
      output,
    });
    expect(outcome).toBe('declined');
    expect(printed()).toMatch(
      /\nAuthorization failed: [^\n]*the engine could not be reached[^\n]*; ask again to retry\.\n$/,
    );
    expect(printed()).not.toContain(stack.apiKey);
  }, 30_000);

  it('without a link to follow it is declined at once', async () => {
    const { output, printed } = recordingOutput();
    const outcome = await awaitApproval({
      client: stack.client,
      authorization: { id: 'no-link', providerId: 'demo-mail' },
      output,
    });
    expect(outcome).toBe('declined');
    expect(printed()).toBe(
      'Authorization failed: demo-mail gave no link to follow; ask again to retry.\n',
    );
  });
});
