import type { MastraModelConfig } from '@mastra/core/llm';
import { scriptedLanguageModel, scriptedModelLabel } from '@toolgrant/example-local-stack';

// Which model the agent talks to: a real one when its key is set (OpenAI first), otherwise the
// scripted demo model, so the example runs without a key and without the internet.

export interface ChosenModel {
  /** What the Agent is given: a model router string, or the scripted model itself. */
  model: MastraModelConfig;
  /** What the banner says is in use. */
  label: string;
}

export const defaultOpenAIModel = 'gpt-4.1-mini';
export const defaultAnthropicModel = 'claude-sonnet-4-5';

export function chooseModel(
  environment: Readonly<Record<string, string | undefined>>,
): ChosenModel {
  if (isSet(environment.OPENAI_API_KEY)) {
    const modelId = orDefault(environment.OPENAI_MODEL, defaultOpenAIModel);
    // Mastra's model router reads OPENAI_API_KEY itself when the model is first called.
    return { model: `openai/${modelId}`, label: `OpenAI ${modelId}` };
  }
  if (isSet(environment.ANTHROPIC_API_KEY)) {
    const modelId = orDefault(environment.ANTHROPIC_MODEL, defaultAnthropicModel);
    return { model: `anthropic/${modelId}`, label: `Anthropic ${modelId}` };
  }
  return {
    // The scripted model implements @ai-sdk/provider 4.0.38's LanguageModelV4; Mastra 1.71 types
    // models against 4.0.17 (see the `mastra` catalog in pnpm-workspace.yaml). Same shape.
    model: scriptedLanguageModel() as MastraModelConfig,
    label: `${scriptedModelLabel} — set OPENAI_API_KEY or ANTHROPIC_API_KEY in .env for a real one`,
  };
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function orDefault(value: string | undefined, fallback: string): string {
  return isSet(value) ? value.trim() : fallback;
}
