import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { demoPrompt } from '@toolgrant/example-local-stack';
import { describe, expect, it } from 'vitest';
import { ScriptedChatModel } from './scripted-chat-model.js';

describe('ScriptedChatModel', () => {
  it('answers the demo prompt with a tool call createAgent can run', async () => {
    const model = new ScriptedChatModel();
    const reply = await model.invoke([
      new SystemMessage('Be helpful.'),
      new HumanMessage(demoPrompt),
    ]);
    expect(reply.tool_calls).toEqual([
      {
        type: 'tool_call',
        id: expect.stringMatching(/^call-/),
        name: 'Inbox_ListMessages',
        args: {},
      },
    ]);
  });

  it('summarises the tool result when the conversation ends with one', async () => {
    const model = new ScriptedChatModel();
    const reply = await model.invoke([
      new HumanMessage(demoPrompt),
      new AIMessage({
        content: '',
        tool_calls: [{ type: 'tool_call', id: 'call-1', name: 'Inbox_ListMessages', args: {} }],
      }),
      new ToolMessage({
        tool_call_id: 'call-1',
        name: 'Inbox_ListMessages',
        content: JSON.stringify({ messages: [{ from: 'bob@example.test', subject: 'Lunch?' }] }),
      }),
    ]);
    expect(reply.tool_calls ?? []).toEqual([]);
    expect(reply.text).toBe('You have one message:\n- “Lunch?” from bob@example.test');
  });

  it('reads the latest human message, not an earlier one', async () => {
    const model = new ScriptedChatModel();
    const reply = await model.invoke([
      new HumanMessage(demoPrompt),
      new AIMessage('You have one message.'),
      new HumanMessage('Tell me a joke'),
    ]);
    expect(reply.tool_calls ?? []).toEqual([]);
    expect(reply.text).toContain("I'm the scripted demo model");
  });

  it('binds tools without becoming another model', () => {
    const model = new ScriptedChatModel();
    expect(model.bindTools([])).toBe(model);
  });
});
