import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { completeConsent } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from './start-local-stack.js';

let parent: string;
let stack: LocalStack;
beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'toolgrant-local-stack-'));
  const dataDirectory = path.join(parent, 'data');
  await startLocalStack({ dataDirectory }).then((earlier) => earlier.close());
  await writeFile(path.join(dataDirectory, 'left-over'), 'from an earlier run');
  stack = await startLocalStack({ dataDirectory });
});
afterAll(async () => {
  await stack?.close();
  await rm(parent, { recursive: true, force: true });
});

describe('startLocalStack', () => {
  it('starts from an empty data directory, so no token outlives the provider that issued it', async () => {
    expect(await readdir(path.join(parent, 'data'))).not.toContain('left-over');
  });

  it("serves the Inbox toolkit through the official client; after the demo user's consent, the tool reads their inbox", async () => {
    const { client, demoUser } = stack;
    const tools = await client.tools.list({ toolkit: 'Inbox' });
    expect(tools.items.map((tool) => tool.qualified_name)).toEqual(['Inbox.ListMessages']);

    const authorization = await client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: 'demo-user',
    });
    expect(authorization.status).toBe('pending');
    expect(authorization.url?.startsWith(`${stack.engineUrl}/v1/oauth/`)).toBe(true);

    const consent = await completeConsent({
      authorizationUrl: authorization.url as string,
      username: demoUser.username,
      password: demoUser.password,
    });
    expect(consent.callback?.status).toBe(200);

    const response = await client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: 'demo-user',
      input: {},
    });
    expect(response.success).toBe(true);
    const page = response.output?.value as { messages: { subject: string }[] };
    expect(page.messages.map((message) => message.subject)).toEqual(
      demoUser.inbox.map((message) => message.subject),
    );
    expect(JSON.stringify(response)).not.toContain(stack.apiKey);
  });
});
