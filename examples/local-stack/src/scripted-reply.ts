// The offline demo model's whole mind: a few known prompts, answered by calling the demo's
// tools, and a plain reply for everything else. Each example wraps it in its framework's
// model interface, so every example runs without a key and without the internet.

export const scriptedModelLabel = 'Scripted demo model (offline)';

/** What a person can type to see the authorization flow. */
export const demoPrompt = "What's in my inbox?";

/** The same through an MCP server's tool, where the app offers one beside the engine's. */
export const demoMcpPrompt = "What's in my inbox through MCP?";

export type ScriptedStep =
  | { type: 'tool-call'; toolName: string; input: Record<string, unknown> }
  | { type: 'text'; text: string };

export interface ScriptedConversation {
  /** The text of the user's latest message. */
  userText: string;
  /** The names of the tools the model is offered, when the framework says. */
  offeredToolNames?: readonly string[];
  /** The tool result the model is answering, when its last turn called a tool. */
  toolResult?: { toolName: string; text: string };
}

const inboxPrompt = /\b(inbox|mail|e-?mails?|messages?)\b/i;

const inboxTool = 'Inbox_ListMessages';
// The same tool from an MCP source: `<source name>_Inbox_ListMessages` (the prefix rule of
// `mcpSource`), for example the engine's own /mcp added to the chat as `mcp`.
const mcpInboxTool = /^[A-Za-z0-9-]{1,32}_Inbox_ListMessages$/;
const mcpPrompt = /\bMCP\b/i;

export function scriptedReply({
  userText,
  offeredToolNames = [],
  toolResult,
}: ScriptedConversation): ScriptedStep {
  if (toolResult) return { type: 'text', text: describeToolResult(toolResult) };
  if (inboxPrompt.test(userText)) {
    return { type: 'tool-call', toolName: inboxToolFor({ userText, offeredToolNames }), input: {} };
  }
  return {
    type: 'text',
    text: `I'm the scripted demo model, so I only know a few prompts. Try “${demoPrompt}”. Set OPENAI_API_KEY (or ANTHROPIC_API_KEY) for a real model.`,
  };
}

/**
 * Where an app offers the inbox both from the engine and from an MCP source, the MCP source's
 * tool when the person asks for MCP; it alone when it is the only one offered.
 */
function inboxToolFor({
  userText,
  offeredToolNames,
}: {
  userText: string;
  offeredToolNames: readonly string[];
}): string {
  const mcpTool = offeredToolNames.find((name) => mcpInboxTool.test(name));
  if (mcpTool === undefined) return inboxTool;
  return mcpPrompt.test(userText) || !offeredToolNames.includes(inboxTool) ? mcpTool : inboxTool;
}

type InboxPage = {
  user?: { name?: string };
  messages?: { from?: string; subject?: string }[];
};

function describeToolResult({ toolName, text }: { toolName: string; text: string }): string {
  const page = parseJson(text) as InboxPage | undefined;
  const isInboxTool = toolName === inboxTool || mcpInboxTool.test(toolName);
  if (isInboxTool && Array.isArray(page?.messages)) {
    const { messages } = page;
    if (messages.length === 0) return 'Your inbox is empty.';
    const lines = messages.map((message) => `- “${message.subject}” from ${message.from}`);
    const count = messages.length === 1 ? 'one message' : `${messages.length} messages`;
    return [`You have ${count}:`, ...lines].join('\n');
  }
  if (/has been shown a link to authorize/.test(text)) {
    return 'I need your permission to read your inbox first: use the authorization link, and I will carry on once you have approved.';
  }
  const unauthorized = authorizationNotCompleted.exec(text);
  if (unauthorized) {
    // Written for the model ("tell the user…"); the person reads a sentence of their own.
    return `I could not read your inbox: the authorization of ${unauthorized[1] ?? 'the service'} did not go through, so nothing was read. Ask me again when you want to try once more.`;
  }
  return `The tool answered:\n${text}`;
}

// Core's model-facing error for a call whose authorization was declined, failed or expired.
const authorizationNotCompleted =
  /^Error \(TOOL_AUTHORIZATION_NOT_COMPLETED\):(?:.*?\b(?:authorization of|authorizing) (\S+?) )?/;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
