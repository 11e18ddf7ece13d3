import { type Model, OpenAIProvider } from '@openai/agents';
import { scriptedModelLabel } from '@toolgrant/example-local-stack';
import { ScriptedAgentsModel } from './scripted-agents-model.js';

// Which model the chat talks to: OpenAI's when its key is set, else the offline scripted model.

export interface ChosenModel {
  model: Model;
  /** What the banner shows. */
  label: string;
}

export async function chooseModel({
  environment = process.env,
}: {
  environment?: Readonly<Record<string, string | undefined>>;
} = {}): Promise<ChosenModel> {
  const apiKey = nonEmpty(environment.OPENAI_API_KEY);
  if (apiKey) {
    const name = nonEmpty(environment.OPENAI_MODEL) ?? 'gpt-4.1-mini';
    return { model: await new OpenAIProvider({ apiKey }).getModel(name), label: `OpenAI ${name}` };
  }
  return {
    model: new ScriptedAgentsModel(),
    label: `${scriptedModelLabel} — set OPENAI_API_KEY in .env for a real one`,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
