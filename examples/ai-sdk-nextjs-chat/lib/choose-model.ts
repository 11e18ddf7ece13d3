import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import {
  scriptedLanguageModel,
  scriptedModelLabel,
} from '@toolgrant/example-local-stack/scripted-model';
import type { LanguageModel } from 'ai';

export interface ChosenModel {
  model: LanguageModel;
  /** What the UI shows, so nobody mistakes the scripted model for a real one. */
  label: string;
  scripted: boolean;
}

/**
 * A real model when a provider key is set (OPENAI_API_KEY, else ANTHROPIC_API_KEY), otherwise
 * the scripted demo model, so the chat runs offline. Switching is one variable in `.env`.
 */
export function chooseModel(
  environment: Record<string, string | undefined> = process.env,
): ChosenModel {
  if (environment.OPENAI_API_KEY) {
    const modelId = environment.OPENAI_MODEL || 'gpt-4.1-mini';
    const openai = createOpenAI({ apiKey: environment.OPENAI_API_KEY });
    return { model: openai(modelId), label: `OpenAI ${modelId}`, scripted: false };
  }
  if (environment.ANTHROPIC_API_KEY) {
    const modelId = environment.ANTHROPIC_MODEL || 'claude-sonnet-4-5';
    const anthropic = createAnthropic({ apiKey: environment.ANTHROPIC_API_KEY });
    return { model: anthropic(modelId), label: `Anthropic ${modelId}`, scripted: false };
  }
  return { model: scriptedLanguageModel(), label: scriptedModelLabel, scripted: true };
}
