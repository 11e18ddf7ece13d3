import type { ModelRequest } from '@openai/agents';
import { demoPrompt } from '@toolgrant/example-local-stack';
import { describe, expect, it } from 'vitest';
import { ScriptedAgentsModel } from './scripted-agents-model.js';

const request = (input: ModelRequest['input']): ModelRequest => ({
  input,
  modelSettings: {},
  tools: [],
  outputType: 'text',
  handoffs: [],
  tracing: false,
});

describe('ScriptedAgentsModel', () => {
  it('answers the demo prompt with a function call the Runner can run', async () => {
    const { output } = await new ScriptedAgentsModel().getResponse(
      request([{ role: 'user', content: demoPrompt }]),
    );
    expect(output).toEqual([
      {
        type: 'function_call',
        callId: expect.stringMatching(/^call-/),
        name: 'Inbox_ListMessages',
        arguments: '{}',
        status: 'completed',
      },
    ]);
  });

  it('summarises the function call result the input ends with', async () => {
    const { output } = await new ScriptedAgentsModel().getResponse(
      request([
        { role: 'user', content: [{ type: 'input_text', text: demoPrompt }] },
        {
          type: 'function_call',
          callId: 'call-1',
          name: 'Inbox_ListMessages',
          arguments: '{}',
          status: 'completed',
        },
        {
          type: 'function_call_result',
          callId: 'call-1',
          name: 'Inbox_ListMessages',
          status: 'completed',
          output: {
            type: 'text',
            text: JSON.stringify({ messages: [{ from: 'bob@example.test', subject: 'Lunch?' }] }),
          },
        },
      ]),
    );
    expect(output).toEqual([
      {
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [
          { type: 'output_text', text: 'You have one message:\n- “Lunch?” from bob@example.test' },
        ],
      },
    ]);
  });

  it('reads the latest user message, not an earlier one', async () => {
    const { output } = await new ScriptedAgentsModel().getResponse(
      request([
        { role: 'user', content: demoPrompt },
        {
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'You have one message.' }],
        },
        { role: 'user', content: 'Tell me a joke' },
      ]),
    );
    expect(JSON.stringify(output)).toContain("I'm the scripted demo model");
  });
});
