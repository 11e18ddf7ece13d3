import { generateText, type ModelMessage, stepCountIs } from 'ai-v6';
import { MockLanguageModelV3 } from 'ai-v6/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAISDKTools,
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

// AI SDK 6 (installed as `ai-v6`), in its real `generateText` loop on `MockLanguageModelV3`,
// against the engine and the testkit's OAuth provider. AI SDK 6 has no run-level tool approval:
// authorization is the stop condition.

let inbox: InboxEngine;
let tools: ToolgrantToolSet;
beforeAll(async () => {
  inbox = await startInboxEngine();
  tools = await createAISDKTools({ client: inbox.client, toolkits: ['Inbox'] });
});
afterAll(async () => {
  await inbox?.close();
});

const listMessages = { toolCall: { toolName: 'Inbox_ListMessages', input: {} } };

describe('AI SDK 6', () => {
  it('stops at the step with the typed output carrying the URL; after consent the next turn reads the inbox, one request per call', async () => {
    const model = scriptedModel({
      turns: [
        listMessages,
        listMessages,
        { text: 'Lunch on Thursday.' },
        listMessages,
        { text: 'Again.' },
      ],
    });
    const mock = new MockLanguageModelV3({ doGenerate: model.doGenerate });
    const run = (messages: ModelMessage[]) =>
      generateText({
        model: mock,
        tools,
        messages,
        experimental_context: { userId: 'v6-alice' },
        stopWhen: [stopOnAuthorizationRequired(), stepCountIs(5)],
      });
    const messages: ModelMessage[] = [{ role: 'user', content: 'What is in my inbox?' }];

    const stopped = await run(messages);

    expect(model.prompts).toHaveLength(1);
    const [result] = stopped.toolResults;
    expect(isAuthorizationRequired(result)).toBe(true);
    if (!isAuthorizationRequired(result)) return;
    const { url } = result.output.authorization;
    expect(url?.startsWith(`${inbox.url}/v1/oauth/`)).toBe(true);

    await inbox.consent({ url: url! });
    messages.push(...stopped.response.messages, { role: 'user', content: 'Done.' });
    const resumed = await run(messages);

    expect(resumed.text).toBe('Lunch on Thursday.');
    expect(model.lastToolResults()).toContain('Lunch on Thursday?');
    expect(JSON.stringify(model.prompts[1])).toContain(
      'has been shown a link to authorize testkit',
    );

    messages.push(...resumed.response.messages, { role: 'user', content: 'Again?' });
    const before = inbox.requests.length;
    const again = await run(messages);

    expect(again.text).toBe('Again.');
    expect(inbox.requests.slice(before)).toEqual(['POST /v1/tools/execute']);
    const promptText = model.allPromptText();
    expect(promptText).not.toContain(url!);
    for (const secret of inbox.secrets()) expect(promptText).not.toContain(secret);
  });

  it('answers bad arguments with each bad field without calling the tool, and shows a retryable error’s hint', async () => {
    const model = scriptedModel({
      turns: [
        { toolCall: { toolName: 'Inbox_Greet', input: { times: 'twice' } } },
        { toolCall: { toolName: 'Inbox_Forecast', input: { city: 'Porto' } } },
        { text: 'Done.' },
      ],
    });
    const before = inbox.requests.length;

    await generateText({
      model: new MockLanguageModelV3({ doGenerate: model.doGenerate }),
      tools,
      prompt: 'Greet, then the weather',
      experimental_context: { userId: 'v6-ada' },
      stopWhen: stepCountIs(5),
    });

    const toolMessage = (model.prompts[1] as { role: string; content: unknown[] }[]).at(-1);
    const badArguments = JSON.stringify(toolMessage);
    expect(badArguments).toContain('Invalid input for tool Inbox_Greet');
    expect(badArguments).toMatch(/path.{0,20}name/s);
    expect(badArguments).toMatch(/path.{0,20}times/s);
    expect(inbox.requests.slice(before)).toEqual(['POST /v1/tools/execute']);
    const feedback = model.lastToolResults();
    expect(feedback).toContain('Ask again with the country added to the city.');
    expect(feedback).toContain('You may retry after 2 seconds.');
    // Core's words for each bad field, and nothing meant for developers.
    const [errorText = ''] = model.toolResultTexts(1);
    expect(issuesShownIn(errorText)).toEqual(greetIssues.slice(0, 2));
    const promptText = model.allPromptText();
    expect(promptText).not.toMatch(/\bat [\w.<>]+ \(/);
    expect(promptText).not.toContain('.ts:');
    expect(promptText).not.toContain('node_modules');
  });

  it('runs a strict-mode call with nulls for optional arguments, the nulls removed', async () => {
    const model = scriptedModel({
      turns: [
        {
          toolCall: {
            toolName: 'Inbox_Greet',
            input: { name: 'Ada', times: 2, language: null },
          },
        },
        { text: 'Greeted.' },
      ],
    });
    const before = inbox.executedInputs.length;

    const result = await generateText({
      model: new MockLanguageModelV3({ doGenerate: model.doGenerate }),
      tools,
      prompt: 'Greet Ada twice',
      experimental_context: { userId: 'v6-ada' },
      stopWhen: stepCountIs(5),
    });

    expect(result.steps[0]?.toolResults[0]?.input).toEqual({ name: 'Ada', times: 2 });
    expect(inbox.executedInputs.slice(before)).toEqual([{ name: 'Ada', times: 2 }]);
    expect(model.toolResultTexts()).toEqual(['Hello, Ada! Hello, Ada!']);
  });

  it('offers the model the full JSON Schema of each tool: descriptions, enums, required keys', async () => {
    const model = scriptedModel({ turns: [{ text: 'Hi.' }] });

    await generateText({
      model: new MockLanguageModelV3({ doGenerate: model.doGenerate }),
      tools,
      prompt: 'Hi',
    });

    expect(model.offeredTools[0]?.find((tool) => tool.name === 'Inbox_Greet')).toEqual(
      greetAsOffered,
    );
  });

  it('names the context key to set when no user id is bound or given', async () => {
    const model = scriptedModel({ turns: [listMessages, { text: 'Failed.' }] });

    const result = await generateText({
      model: new MockLanguageModelV3({ doGenerate: model.doGenerate }),
      tools,
      prompt: 'inbox?',
      stopWhen: stepCountIs(5),
    });

    const failure = result.steps[0]!.content.find((part) => part.type === 'tool-error');
    expect(String(failure?.error)).toMatch(/experimental_context: \{ userId \} \(AI SDK 6\)/);
  });
});
