import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { type ScriptedConversation, scriptedReply } from '@toolgrant/example-local-stack';

// The local stack's scripted demo model as a LangChain chat model, so the example runs without
// a key. It reads the messages the agent built, as a real model would, and answers with an
// AIMessage: text, or `tool_calls` that createAgent's loop runs.

export class ScriptedChatModel extends BaseChatModel {
  constructor() {
    super({});
  }

  override _llmType(): string {
    return 'toolgrant-scripted';
  }

  // It knows its tools by name from the script, so binding them changes nothing.
  override bindTools(_tools: BindToolsInput[], _kwargs?: Partial<BaseChatModelCallOptions>) {
    return this;
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const step = scriptedReply(readConversation(messages));
    const message =
      step.type === 'text'
        ? new AIMessage(step.text)
        : new AIMessage({
            content: '',
            tool_calls: [
              {
                type: 'tool_call',
                id: `call-${crypto.randomUUID()}`,
                name: step.toolName,
                args: step.input,
              },
            ],
          });
    return { generations: [{ text: message.text, message }] };
  }
}

/** The user's latest words and, when the conversation ends with a tool's answer, that answer. */
function readConversation(messages: readonly BaseMessage[]): ScriptedConversation {
  const userText = messages.findLast((message) => HumanMessage.isInstance(message))?.text ?? '';
  const last = messages.at(-1);
  if (!last || !ToolMessage.isInstance(last)) return { userText };
  return { userText, toolResult: { toolName: last.name ?? '', text: last.text } };
}
