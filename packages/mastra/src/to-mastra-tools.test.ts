import { RequestContext } from '@mastra/core/request-context';
import { noopObserve } from '@mastra/core/tools';
import { loadTools, type ToolDefinition, ToolNameCollisionError } from '@toolgrant/core';
import { type InboxEngine, startInboxEngine } from '@toolgrant/inbox-engine-fixture';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMastraTools } from './to-mastra-tools.js';
import { userIdContextKey } from './user-id-context-key.js';

// The tools outside an agent run or workflow, where nothing can suspend, against the real engine.

let inbox: InboxEngine;
let definitions: ToolDefinition[];

beforeAll(async () => {
  inbox = await startInboxEngine();
  definitions = await loadTools({ client: inbox.client, toolkits: ['Inbox', 'Utility'] });
});

afterAll(async () => {
  await inbox.close();
});

function contextFor(userId: string) {
  const requestContext = new RequestContext();
  requestContext.set(userIdContextKey, userId);
  return { requestContext, observe: noopObserve };
}

describe('toMastraTools', () => {
  it("names each tool with core's model-safe name and keeps the description and parameters", () => {
    const tools = toMastraTools({ client: inbox.client, definitions });
    expect(Object.keys(tools).sort()).toEqual([
      'Inbox_ListMessages',
      'Utility_Forecast',
      'Utility_Repeat',
    ]);
    const repeat = tools.Utility_Repeat;
    expect(repeat?.id).toBe('Utility_Repeat');
    expect(repeat?.description).toBe('Repeats a text a number of times.');
    expect(repeat?.inputSchema?.['~standard'].validate({ text: 'a', times: 2 })).toEqual({
      value: { text: 'a', times: 2 },
    });
  });

  it('throws when two tools would get the same name', () => {
    const [first] = definitions;
    if (!first) throw new Error('no definitions');
    const twin = { ...first, qualified_name: first.qualified_name.replace('.', '_') };
    expect(() => toMastraTools({ client: inbox.client, definitions: [first, twin] })).toThrow(
      expect.toSatisfy(ToolNameCollisionError.isInstance),
    );
  });

  it('returns the value of a completed call', async () => {
    const tools = toMastraTools({ client: inbox.client, definitions, userId: 'alice' });
    const result = await tools.Utility_Repeat?.execute?.(
      { text: 'hi', times: 2 },
      contextFor('alice'),
    );
    expect(result).toEqual({ repeated: ['hi', 'hi'] });
  });

  it('outside a run, answers with the model-facing message and hands the authorization to the app', async () => {
    const seen: unknown[] = [];
    const tools = toMastraTools({
      client: inbox.client,
      definitions,
      onAuthorizationRequired: (event) => seen.push(event),
    });
    const result = await tools.Inbox_ListMessages?.execute?.({}, contextFor('bob'));
    expect(result).toBe(
      'The user has been shown a link to authorize testkit. This tool runs once they have approved; tell them so and do not call it again before then.',
    );
    expect(seen).toEqual([
      {
        toolName: 'Inbox_ListMessages',
        qualifiedName: 'Inbox.ListMessages',
        authorization: expect.objectContaining({
          url: expect.stringMatching(`^${inbox.url}/v1/oauth/`),
          providerId: 'testkit',
        }),
      },
    ]);
  });

  it('puts the URL in the message when asked to', async () => {
    const tools = toMastraTools({
      client: inbox.client,
      definitions,
      includeAuthorizationUrl: true,
    });
    const result = await tools.Inbox_ListMessages?.execute?.({}, contextFor('bob'));
    expect(result).toMatch(
      new RegExp(
        `^The user needs to authorize testkit before this tool can run\\. Give them this link: ${inbox.url}/v1/oauth/`,
      ),
    );
  });

  it('a bound user id wins over the request context', async () => {
    const tools = toMastraTools({ client: inbox.client, definitions, userId: 'alice' });
    const before = inbox.requests.length;
    await tools.Inbox_ListMessages?.execute?.({}, contextFor('bob'));
    expect(inbox.requests.slice(before)).toEqual([
      { method: 'POST', path: '/v1/tools/authorize', userId: 'alice' },
    ]);
  });

  it('reads the user id from the request context when none is bound', async () => {
    const tools = toMastraTools({ client: inbox.client, definitions });
    const before = inbox.requests.length;
    await tools.Utility_Repeat?.execute?.({ text: 'a', times: 1 }, contextFor('bob'));
    expect(inbox.requests.slice(before)).toEqual([
      { method: 'POST', path: '/v1/tools/execute', userId: 'bob' },
    ]);
  });
});
