import { authorizationApproval, createAISDKTools } from '@toolgrant/ai-sdk';
import { convertToModelMessages, isStepCount, streamText, type UIMessage } from 'ai';
import { chatMcpSources } from '@/lib/chat-mcp-sources';
import { chooseModel } from '@/lib/choose-model';
import { engineClient } from '@/lib/engine-client';
import { toolgrantSession } from '@/lib/toolgrant-session';
import { currentUserId } from '@/lib/user-id';

// One turn of the conversation. A tool that needs the user's consent does not run: the
// approval check answers with an authorization request, the stream ends with the tool part in
// `approval-requested`, and the page shows the authorization card. Once the user approved,
// the page answers the approval and posts again; the check then finds the authorization
// complete and the tool runs here, on the server, with the user's token at the engine.
// With CHAT_MCP_URL set, an MCP server's tools are offered too (`mcp_…`); a consent it asks for
// pauses the run the same way, and the approved call is retried with the server's request state.

export const maxDuration = 60;

export async function POST(request: Request) {
  const { messages } = (await request.json()) as { messages: UIMessage[] };
  const client = engineClient();
  const userId = await currentUserId();
  const tools = await createAISDKTools({
    client,
    session: toolgrantSession(),
    toolkits: ['Inbox'],
    userId,
    mcpSources: chatMcpSources().forUser(userId),
  }).catch((error: unknown) => {
    console.error('Could not load the tools:', error instanceof Error ? error.message : error);
    return undefined;
  });
  if (!tools) {
    return new Response(
      'The tools could not be loaded from the engine or the MCP server. Are they running?',
      { status: 502 },
    );
  }

  const result = streamText({
    model: chooseModel().model,
    system:
      "You are a helpful assistant that can read the user's inbox with the tools you have. Answer briefly.",
    tools,
    toolApproval: authorizationApproval({ client, userId }),
    messages: await convertToModelMessages(messages, { tools }),
    stopWhen: isStepCount(5),
  });
  return result.toUIMessageStreamResponse({
    // The browser sees what went wrong in words, never a stack trace or a credential.
    onError: (error) => (error instanceof Error ? error.message : 'The chat failed.'),
  });
}
