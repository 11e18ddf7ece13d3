import { Mastra } from '@mastra/core/mastra';
import { RequestContext } from '@mastra/core/request-context';
import { InMemoryStore } from '@mastra/core/storage';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { loadTools } from '@toolgrant/core';
import { type InboxEngine, startInboxEngine } from '@toolgrant/inbox-engine-fixture';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { isAuthorizationSuspendPayload, toMastraTools, userIdContextKey } from '../src/index.js';

// A Toolgrant tool as a workflow step: the step suspends with the authorization, and the run
// resumes once the user has consented.

let inbox: InboxEngine;

beforeEach(async () => {
  inbox = await startInboxEngine();
});

afterEach(async () => {
  await inbox.close();
});

async function createInboxWorkflow({
  authorizationTimeoutMs,
}: {
  authorizationTimeoutMs?: number;
} = {}) {
  const definitions = await loadTools({ client: inbox.client, toolkits: ['Inbox'] });
  const { Inbox_ListMessages: listMessages } = toMastraTools({
    client: inbox.client,
    definitions,
    ...(authorizationTimeoutMs === undefined ? {} : { authorizationTimeoutMs }),
  });
  if (!listMessages) throw new Error('Inbox_ListMessages is missing');
  const workflow = createWorkflow({
    id: 'read-inbox',
    inputSchema: z.object({}),
    outputSchema: z.unknown(),
  })
    .then(createStep(listMessages))
    .commit();
  const mastra = new Mastra({
    workflows: { workflow },
    storage: new InMemoryStore(),
    logger: false,
  });
  // Wrapped: a workflow has a `then` method (for chaining steps), so an async function must
  // not return it bare or `await` would call it.
  return { workflow: mastra.getWorkflow('workflow') };
}

it("suspends the workflow step, and runs the tool once resumed after the user's consent", async () => {
  const { workflow } = await createInboxWorkflow();
  const requestContext = new RequestContext();
  requestContext.set(userIdContextKey, 'bob');
  const run = await workflow.createRun();

  const started = await run.start({ inputData: {}, requestContext });
  if (started.status !== 'suspended') throw new Error(`status ${started.status}`);
  expect(started.suspended).toEqual([['Inbox_ListMessages']]);
  const payload = started.steps.Inbox_ListMessages?.suspendPayload;
  if (!isAuthorizationSuspendPayload(payload)) throw new Error('not an authorization payload');
  expect(payload.authorization.url?.startsWith(`${inbox.url}/v1/oauth/`)).toBe(true);

  await inbox.provider.completeConsent({
    authorizationUrl: payload.authorization.url ?? '',
    username: 'bob',
    password: 'bob-password',
  });
  const resumed = await run.resume({
    step: 'Inbox_ListMessages',
    resumeData: {},
    requestContext,
  });
  if (resumed.status !== 'success') throw new Error(`status ${resumed.status}`);
  expect(resumed.result).toMatchObject({ user: { id: 'bob', email: 'bob@example.test' } });
});

it('resumed before the user consented, the step ends with a message for the model and the tool does not run', async () => {
  const { workflow } = await createInboxWorkflow({ authorizationTimeoutMs: 1_500 });
  const requestContext = new RequestContext();
  requestContext.set(userIdContextKey, 'alice');
  const run = await workflow.createRun();
  const started = await run.start({ inputData: {}, requestContext });
  if (started.status !== 'suspended') throw new Error(`status ${started.status}`);

  const resumed = await run.resume({ step: 'Inbox_ListMessages', resumeData: {}, requestContext });
  if (resumed.status !== 'success') throw new Error(`status ${resumed.status}`);
  expect(resumed.result).toContain(
    'Error (TOOL_AUTHORIZATION_NOT_COMPLETED): The user did not finish authorizing testkit in time.',
  );
  const executions = inbox.requests.filter(({ path }) => path === '/v1/tools/execute');
  expect(executions).toEqual([]);
});
