import { Agent, type Model } from '@openai/agents';
import type { ToolClient } from '@toolgrant/core';
import { createOpenAIAgentsTools, type ToolgrantRunContext } from '@toolgrant/openai-agents';

// The OpenAI Agents SDK's own agent with Toolgrant's tools. A tool that needs the user's consent
// interrupts the run through `needsApproval`; the chat approves it and resumes.

const instructions =
  "You are a helpful assistant in a terminal chat. Your tools act on the user's own accounts. When a tool needs the user's permission, the app shows them a link and the tool runs once they approve; you never need the link.";

export async function createChatAgent({ client, model }: { client: ToolClient; model: Model }) {
  const tools = await createOpenAIAgentsTools<ToolgrantRunContext>({ client, toolkits: ['Inbox'] });
  return new Agent<ToolgrantRunContext>({ name: 'Terminal assistant', instructions, model, tools });
}

export type ChatAgent = Awaited<ReturnType<typeof createChatAgent>>;
