import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { MemorySaver } from '@langchain/langgraph';
import { type ToolClient, ToolTransportError, UserIdRequiredError } from '@toolgrant/core';
import { createLangChainTools } from '@toolgrant/langchain';
import { createAgent, toolErrorMiddleware } from 'langchain';

// LangChain's own agent loop with Toolgrant's tools. The checkpointer is what lets a tool
// pause the run with LangGraph's interrupt() and pick it up again on `Command({ resume })`.

const systemPrompt =
  "You are a helpful assistant in a terminal chat. Your tools act on the user's own accounts. When a tool needs the user's permission, the app shows them a link and the tool runs once they approve; you never need the link.";

export async function createChatAgent({
  client,
  model,
}: {
  client: ToolClient;
  model: BaseChatModel;
}) {
  const tools = await createLangChainTools({ client, toolkits: ['Inbox'] });
  return createAgent({
    model,
    tools,
    systemPrompt,
    checkpointer: new MemorySaver(),
    middleware: [
      // An unreachable engine or a missing user id is the app's problem, not the model's: those
      // end the turn with an error the terminal prints. Anything else a tool throws is named
      // for the model without its message, which may hold internal details.
      toolErrorMiddleware({
        onError: (error, request) =>
          ToolTransportError.isInstance(error) || UserIdRequiredError.isInstance(error)
            ? undefined
            : `The tool ${request.toolCall.name} failed unexpectedly.`,
      }),
    ],
  });
}

export type ChatAgent = Awaited<ReturnType<typeof createChatAgent>>;
