import { ChatAnthropic } from '@langchain/anthropic';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import { scriptedModelLabel } from '@toolgrant/example-local-stack';
import { ScriptedChatModel } from './scripted-chat-model.js';

// Which model the chat talks to: OpenAI when its key is set, else Anthropic, else the offline
// scripted model. One variable in `.env` switches.

export interface ChosenModel {
  model: BaseChatModel;
  /** What the banner shows. */
  label: string;
}

export function chooseModel({
  environment = process.env,
}: {
  environment?: Readonly<Record<string, string | undefined>>;
} = {}): ChosenModel {
  const openAIKey = nonEmpty(environment.OPENAI_API_KEY);
  if (openAIKey) {
    const model = nonEmpty(environment.OPENAI_MODEL) ?? 'gpt-4.1-mini';
    return { model: new ChatOpenAI({ model, apiKey: openAIKey }), label: `OpenAI ${model}` };
  }
  const anthropicKey = nonEmpty(environment.ANTHROPIC_API_KEY);
  if (anthropicKey) {
    const model = nonEmpty(environment.ANTHROPIC_MODEL) ?? 'claude-sonnet-4-5';
    return {
      model: new ChatAnthropic({ model, apiKey: anthropicKey }),
      label: `Anthropic ${model}`,
    };
  }
  return {
    model: new ScriptedChatModel(),
    label: `${scriptedModelLabel} — set OPENAI_API_KEY or ANTHROPIC_API_KEY in .env for a real one`,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
