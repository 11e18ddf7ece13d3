import { describe, expect, it } from 'vitest';
import { demoMcpPrompt, demoPrompt, scriptedReply } from './scripted-reply.js';

describe('scriptedReply', () => {
  it('calls Inbox_ListMessages for the demo prompt and other questions about mail', () => {
    for (const userText of [demoPrompt, 'any new e-mail?', 'Read my messages']) {
      expect(scriptedReply({ userText })).toEqual({
        type: 'tool-call',
        toolName: 'Inbox_ListMessages',
        input: {},
      });
    }
  });

  it("calls an MCP source's inbox tool (`<source>_Inbox_ListMessages`) when asked for MCP, or when it is the only one", () => {
    const both = ['Inbox_Greet', 'Inbox_ListMessages', 'mcp_Inbox_Greet', 'mcp_Inbox_ListMessages'];
    const call = (toolName: string) => ({ type: 'tool-call', toolName, input: {} });
    expect(scriptedReply({ userText: demoMcpPrompt, offeredToolNames: both })).toEqual(
      call('mcp_Inbox_ListMessages'),
    );
    expect(scriptedReply({ userText: demoPrompt, offeredToolNames: both })).toEqual(
      call('Inbox_ListMessages'),
    );
    expect(
      scriptedReply({ userText: demoPrompt, offeredToolNames: ['notes-2_Inbox_ListMessages'] }),
    ).toEqual(call('notes-2_Inbox_ListMessages'));
    // Not an MCP source's name: the source name is letters, digits and '-'.
    expect(
      scriptedReply({
        userText: demoMcpPrompt,
        offeredToolNames: ['Inbox_ListMessages', 'a_b_Inbox_ListMessages'],
      }),
    ).toEqual(call('Inbox_ListMessages'));
  });

  it('says what it can do, and how to get a real model, for a prompt it does not know', () => {
    const reply = scriptedReply({ userText: 'Write me a poem' });
    expect(reply.type).toBe('text');
    expect(reply.type === 'text' && reply.text).toContain(demoPrompt);
    expect(reply.type === 'text' && reply.text).toContain('OPENAI_API_KEY');
  });

  it('summarises the inbox the tool returned', () => {
    const text = JSON.stringify({
      user: { name: 'Alice Example' },
      messages: [
        { from: 'bob@example.test', subject: 'Lunch on Thursday?' },
        { from: 'billing@example.test', subject: 'Your invoice for January' },
      ],
    });
    expect(
      scriptedReply({ userText: demoPrompt, toolResult: { toolName: 'Inbox_ListMessages', text } }),
    ).toEqual({
      type: 'text',
      text: 'You have 2 messages:\n- “Lunch on Thursday?” from bob@example.test\n- “Your invoice for January” from billing@example.test',
    });
  });

  it("summarises the inbox an MCP source's tool returned too", () => {
    const text = JSON.stringify({ messages: [{ from: 'bob@example.test', subject: 'Lunch?' }] });
    expect(
      scriptedReply({
        userText: demoPrompt,
        toolResult: { toolName: 'mcp_Inbox_ListMessages', text },
      }),
    ).toEqual({ type: 'text', text: 'You have one message:\n- “Lunch?” from bob@example.test' });
  });

  it('asks the user to authorize when the tool says a link was shown', () => {
    const text =
      'The user has been shown a link to authorize demo-mail. This tool runs once they have approved; tell them so and do not call it again before then.';
    const reply = scriptedReply({
      userText: demoPrompt,
      toolResult: { toolName: 'Inbox_ListMessages', text },
    });
    expect(reply).toMatchObject({ type: 'text', text: expect.stringContaining('permission') });
  });

  it('tells the person, in words for them, that a declined authorization read nothing', () => {
    const text =
      'Error (TOOL_AUTHORIZATION_NOT_COMPLETED): The authorization of demo-mail failed. The tool did not run; tell the user, who can ask again when ready.\nDo not retry this call as it is.';
    expect(
      scriptedReply({ userText: demoPrompt, toolResult: { toolName: 'Inbox_ListMessages', text } }),
    ).toEqual({
      type: 'text',
      text: 'I could not read your inbox: the authorization of demo-mail did not go through, so nothing was read. Ask me again when you want to try once more.',
    });
  });

  it('names the provider when the authorization timed out too', () => {
    const text =
      'Error (TOOL_AUTHORIZATION_NOT_COMPLETED): The user did not finish authorizing demo-mail in time. The tool did not run; tell the user, who can ask again when ready.';
    expect(
      scriptedReply({ userText: demoPrompt, toolResult: { toolName: 'Inbox_ListMessages', text } }),
    ).toEqual({
      type: 'text',
      text: 'I could not read your inbox: the authorization of demo-mail did not go through, so nothing was read. Ask me again when you want to try once more.',
    });
  });

  it('repeats any other tool answer, such as an error, as it is', () => {
    const text = 'Error (upstream): The inbox answered HTTP 503.\nYou may retry.';
    expect(
      scriptedReply({ userText: demoPrompt, toolResult: { toolName: 'Inbox_ListMessages', text } }),
    ).toEqual({ type: 'text', text: `The tool answered:\n${text}` });
  });
});
