import { createToolgrantSession, ToolTransportError, UserIdRequiredError } from '@toolgrant/core';
import { generateText, isStepCount, type ModelMessage, ToolLoopAgent } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationApproval,
  createAISDKTools,
  getAuthorizationRequest,
  isAuthorizationRequired,
  stopOnAuthorizationRequired,
  type ToolgrantToolSet,
} from '../src/index.js';
import {
  greetAsOffered,
  greetIssues,
  type InboxEngine,
  issuesShownIn,
  startInboxEngine,
} from './inbox-engine.js';
import { scriptedModel } from './scripted-model.js';

// AI SDK 7, in its real loop (`generateText`, `ToolLoopAgent`) on `MockLanguageModelV4`,
// against the engine and the testkit's OAuth provider.

let inbox: InboxEngine;
let tools: ToolgrantToolSet;
let adaTools: ToolgrantToolSet;
beforeAll(async () => {
  inbox = await startInboxEngine();
  tools = await createAISDKTools({ client: inbox.client, toolkits: ['Inbox'] });
  adaTools = await createAISDKTools({ client: inbox.client, toolkits: ['Inbox'], userId: 'ada' });
});
afterAll(async () => {
  await inbox?.close();
});

const listMessages = { toolCall: { toolName: 'Inbox_ListMessages', input: {} } };
const userTurn = (text: string): ModelMessage => ({ role: 'user', content: text });

function expectNoSecret(promptText: string) {
  for (const secret of inbox.secrets()) expect(promptText).not.toContain(secret);
}

function expectNoDeveloperDetail(promptText: string) {
  expect(promptText).not.toMatch(/\bat [\w.<>]+ \(/);
  expect(promptText).not.toContain('.ts:');
  expect(promptText).not.toContain('node_modules');
}

describe('AI SDK 7: authorization as a tool approval', () => {
  it('pauses with an approval request carrying the URL; after consent the approved call runs on the server and the model reads the inbox', async () => {
    const model = scriptedModel({
      turns: [
        listMessages,
        { text: 'You have a lunch invitation.' },
        listMessages,
        { text: 'Same inbox.' },
      ],
    });
    const mock = new MockLanguageModelV4({ doGenerate: model.doGenerate });
    const toolApproval = authorizationApproval({ client: inbox.client, userId: 'approval-alice' });
    const messages: ModelMessage[] = [userTurn('What is in my inbox?')];

    const paused = await generateText({
      model: mock,
      tools,
      toolApproval,
      messages,
      stopWhen: isStepCount(5),
    });

    expect(model.prompts).toHaveLength(1);
    expect(paused.toolResults).toEqual([]);
    const request = paused.content.find((part) => part.type === 'tool-approval-request');
    const authorization = getAuthorizationRequest(request);
    expect(authorization?.url?.startsWith(`${inbox.url}/v1/oauth/`)).toBe(true);
    expect(authorization?.providerId).toBe('testkit');
    expect(authorization?.scopes).toEqual(['inbox.read']);

    await inbox.consent({ url: authorization!.url! });
    messages.push(...paused.responseMessages, {
      role: 'tool',
      content: [
        { type: 'tool-approval-response', approvalId: request!.approvalId, approved: true },
      ],
    });
    const before = inbox.requests.length;

    const resumed = await generateText({
      model: mock,
      tools,
      toolApproval,
      messages,
      stopWhen: isStepCount(5),
    });

    expect(resumed.text).toBe('You have a lunch invitation.');
    expect(model.lastToolResults()).toContain('Lunch on Thursday?');
    // The approval's check finds the authorization completed; the run is then one request.
    expect(inbox.requests.slice(before)).toEqual([
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);

    messages.push(...resumed.responseMessages, userTurn('And now?'));
    const next = inbox.requests.length;
    const again = await generateText({
      model: mock,
      tools,
      toolApproval,
      messages,
      stopWhen: isStepCount(5),
    });

    expect(again.text).toBe('Same inbox.');
    expect(inbox.requests.slice(next)).toEqual(['POST /v1/tools/execute']);
    expect(model.allPromptText()).not.toContain(authorization!.url!);
    expectNoSecret(model.allPromptText());
  });

  it('answers an approval given before the user consented by core’s rule for a resumed call: still not authorized, not a failed call and no second pause', async () => {
    const model = scriptedModel({ turns: [listMessages, { text: 'Please authorize first.' }] });
    const mock = new MockLanguageModelV4({ doGenerate: model.doGenerate });
    const toolApproval = authorizationApproval({ userId: 'approval-impatient' });
    const messages: ModelMessage[] = [userTurn('What is in my inbox?')];
    const paused = await generateText({ model: mock, tools, toolApproval, messages });
    const request = paused.content.find((part) => part.type === 'tool-approval-request');
    messages.push(...paused.responseMessages, {
      role: 'tool',
      content: [
        { type: 'tool-approval-response', approvalId: request!.approvalId, approved: true },
      ],
    });

    const resumed = await generateText({
      model: mock,
      tools,
      toolApproval,
      messages,
      stopWhen: isStepCount(5),
    });

    // The approved call ran before the first step: its result is in the model's next prompt.
    const [toolMessage] = resumed.responseMessages;
    expect(toolMessage?.role).toBe('tool');
    const [result] = toolMessage?.role === 'tool' ? toolMessage.content : [];
    expect(result).toMatchObject({ type: 'tool-result', output: { type: 'text' } });
    // Core's rule for a resumed call (the same words in LangChain and Mastra): the approved
    // call does not ask for authorization a second time, it tells the model why it did not run.
    expect(model.lastToolResults()).toContain(
      'Error (TOOL_AUTHORIZATION_NOT_COMPLETED): The user has still not authorized testkit. The tool did not run; tell the user, who can ask again when ready.',
    );
    expect(resumed.content.some((part) => part.type === 'tool-approval-request')).toBe(false);
    expect(model.allPromptText()).not.toContain('/v1/oauth/');
  });

  it('names the tool in the approval request as the model called it, with its qualified name', async () => {
    const model = scriptedModel({ turns: [listMessages] });
    const paused = await generateText({
      model: new MockLanguageModelV4({ doGenerate: model.doGenerate }),
      tools,
      toolApproval: authorizationApproval({ userId: 'approval-names' }),
      prompt: 'inbox?',
    });
    const request = paused.content.find((part) => part.type === 'tool-approval-request');
    expect(JSON.parse(request?.type === 'tool-approval-request' ? request.reason! : '')).toEqual({
      type: 'toolgrant/authorization_required',
      toolName: 'Inbox_ListMessages',
      qualifiedName: 'Inbox.ListMessages',
      authorization: getAuthorizationRequest(request),
    });
  });

  it('reads the user from the tool’s toolsContext entry, and otherwise names the keys to set', async () => {
    const model = scriptedModel({ turns: [listMessages, listMessages] });
    const mock = new MockLanguageModelV4({ doGenerate: model.doGenerate });

    const paused = await generateText({
      model: mock,
      tools,
      toolApproval: authorizationApproval(),
      toolsContext: { Inbox_ListMessages: { userId: 'context-user' } },
      prompt: 'inbox?',
    });
    expect(
      getAuthorizationRequest(paused.content.find((part) => part.type === 'tool-approval-request')),
    ).toBeDefined();

    const missing = generateText({
      model: mock,
      tools,
      toolApproval: authorizationApproval(),
      prompt: 'inbox?',
    });
    await expect(missing).rejects.toSatisfy(UserIdRequiredError.isInstance);
    await expect(missing).rejects.toThrow(/toolsContext: \{ Inbox_ListMessages: \{ userId \} \}/);
  });
});

describe('AI SDK 7: where the tools keep their state', () => {
  it('one session passed to two create calls shares tool lists and authorizations; two tool sets share nothing', async () => {
    const session = createToolgrantSession();
    const before = inbox.requests.length;
    const first = await createAISDKTools({ client: inbox.client, toolkits: ['Inbox'], session });
    const second = await createAISDKTools({ client: inbox.client, toolkits: ['Inbox'], session });
    expect(inbox.requests.slice(before)).toEqual(['GET /v1/tools']);
    const separate = await createAISDKTools({ client: inbox.client, toolkits: ['Inbox'] });
    expect(inbox.requests.slice(before)).toEqual(['GET /v1/tools', 'GET /v1/tools']);

    const userId = 'session-alice';
    const options = (toolCallId: string) => ({ toolCallId, context: { userId } });
    const paused = await first.Inbox_ListMessages!.execute({}, options('call-1'));
    if (paused.status !== 'authorization_required') throw new Error(paused.status);
    await inbox.consent({ url: paused.authorization.url! });
    await first.Inbox_ListMessages!.execute({}, options('call-2'));

    // The session learnt the authorization: the other tool set made with it runs in one request.
    const shared = inbox.requests.length;
    await expect(second.Inbox_ListMessages!.execute({}, options('call-3'))).resolves.toMatchObject({
      status: 'completed',
    });
    expect(inbox.requests.slice(shared)).toEqual(['POST /v1/tools/execute']);

    // The tool set with its own session asks the engine first.
    const own = inbox.requests.length;
    await separate.Inbox_ListMessages!.execute({}, options('call-4'));
    expect(inbox.requests.slice(own)).toEqual([
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);
  });
});

describe('AI SDK 7: authorization as a stop condition', () => {
  it('ToolLoopAgent stops at the step with the typed output; the next turn, after consent, reads the inbox', async () => {
    const model = scriptedModel({
      turns: [listMessages, listMessages, { text: 'Lunch on Thursday.' }],
    });
    const agent = new ToolLoopAgent({
      model: new MockLanguageModelV4({ doGenerate: model.doGenerate }),
      tools,
      toolsContext: { Inbox_ListMessages: { userId: 'stop-alice' } },
      stopWhen: [stopOnAuthorizationRequired(), isStepCount(5)],
    });
    const messages: ModelMessage[] = [userTurn('What is in my inbox?')];

    const stopped = await agent.generate({ messages });

    expect(model.prompts).toHaveLength(1);
    const [result] = stopped.toolResults;
    expect(isAuthorizationRequired(result)).toBe(true);
    if (!isAuthorizationRequired(result)) return;
    const { url } = result.output.authorization;
    expect(url?.startsWith(`${inbox.url}/v1/oauth/`)).toBe(true);

    await inbox.consent({ url: url! });
    messages.push(...stopped.responseMessages, userTurn('I have authorized.'));
    const resumed = await agent.generate({ messages });

    expect(resumed.text).toBe('Lunch on Thursday.');
    expect(model.lastToolResults()).toContain('Lunch on Thursday?');
    // The first turn's result reached the model as the short statement, without the link.
    expect(JSON.stringify(model.prompts[1])).toContain(
      'has been shown a link to authorize testkit',
    );
    expect(model.allPromptText()).not.toContain(url!);
    expectNoSecret(model.allPromptText());
  });
});

describe('AI SDK 7: what the model reads', () => {
  it('answers bad arguments with each bad field, without calling the tool, and the loop goes on', async () => {
    const model = scriptedModel({
      turns: [
        { toolCall: { toolName: 'Inbox_Greet', input: { times: 'twice', extra: true } } },
        { toolCall: { toolName: 'Inbox_Greet', input: { name: 'Ada' } } },
        { text: 'Greeted.' },
      ],
    });
    const before = inbox.requests.length;

    const result = await generateText({
      model: new MockLanguageModelV4({ doGenerate: model.doGenerate }),
      tools: adaTools,
      prompt: 'Greet Ada',
      stopWhen: isStepCount(5),
    });

    expect(result.text).toBe('Greeted.');
    const firstFeedback = JSON.stringify(model.prompts[1]);
    expect(firstFeedback).toMatch(/name/);
    expect(firstFeedback).toMatch(/times/);
    expect(firstFeedback).toMatch(/extra/);
    expect(inbox.requests.slice(before)).toEqual(['POST /v1/tools/execute']);
    expect(model.lastToolResults()).toContain('Hello, Ada!');
    // Core's words for each bad field, and nothing meant for developers.
    const [badArguments = ''] = model.toolResultTexts(1);
    expect(badArguments).toMatch(/^AI_InvalidToolInputError: Invalid input for tool Inbox_Greet: /);
    expect(issuesShownIn(badArguments)).toEqual(greetIssues);
    expectNoDeveloperDetail(model.allPromptText());
  });

  it('runs a strict-mode call with nulls for optional arguments, the nulls removed', async () => {
    const model = scriptedModel({
      turns: [
        {
          toolCall: {
            toolName: 'Inbox_Greet',
            input: { name: 'Ada', times: null, language: null },
          },
        },
        { text: 'Greeted.' },
      ],
    });
    const before = inbox.executedInputs.length;

    const result = await generateText({
      model: new MockLanguageModelV4({ doGenerate: model.doGenerate }),
      tools: adaTools,
      prompt: 'Greet Ada',
      stopWhen: isStepCount(5),
    });

    expect(result.steps[0]?.toolResults[0]?.input).toEqual({ name: 'Ada' });
    expect(inbox.executedInputs.slice(before)).toEqual([{ name: 'Ada' }]);
    expect(model.toolResultTexts()).toEqual(['Hello, Ada!']);
  });

  it('offers the model the full JSON Schema of each tool: descriptions, enums, required keys', async () => {
    const model = scriptedModel({ turns: [{ text: 'Hi.' }] });

    await generateText({
      model: new MockLanguageModelV4({ doGenerate: model.doGenerate }),
      tools: adaTools,
      prompt: 'Hi',
    });

    expect(model.offeredTools[0]?.find((tool) => tool.name === 'Inbox_Greet')).toEqual(
      greetAsOffered,
    );
  });

  it('shows the model the retry hint of a retryable tool error', async () => {
    const model = scriptedModel({
      turns: [
        { toolCall: { toolName: 'Inbox_Forecast', input: { city: 'Porto' } } },
        { text: 'Busy.' },
      ],
    });

    await generateText({
      model: new MockLanguageModelV4({ doGenerate: model.doGenerate }),
      tools: adaTools,
      prompt: 'Weather in Porto?',
      stopWhen: isStepCount(5),
    });

    const feedback = model.lastToolResults();
    expect(feedback).toContain('The forecast for Porto is not ready.');
    expect(feedback).toContain('Ask again with the country added to the city.');
    expect(feedback).toContain('You may retry after 2 seconds.');
  });

  it('hands a transport failure to the developer as the step’s tool error', async () => {
    const stopping = await startInboxEngine();
    try {
      const ownTools = await createAISDKTools({
        client: stopping.client,
        toolkits: ['Inbox'],
        userId: 'alice',
      });
      await stopping.stopServer();
      const model = scriptedModel({
        turns: [
          { toolCall: { toolName: 'Inbox_Greet', input: { name: 'Ada' } } },
          { text: 'Failed.' },
        ],
      });

      const result = await generateText({
        model: new MockLanguageModelV4({ doGenerate: model.doGenerate }),
        tools: ownTools,
        prompt: 'Greet Ada',
        stopWhen: isStepCount(5),
      });

      const failure = result.steps[0]!.content.find((part) => part.type === 'tool-error');
      const error: unknown = failure?.error;
      expect(ToolTransportError.isInstance(error)).toBe(true);
      expect(ToolTransportError.isInstance(error) && error.reason).toBe('unreachable');
    } finally {
      await stopping.close();
    }
  });
});
