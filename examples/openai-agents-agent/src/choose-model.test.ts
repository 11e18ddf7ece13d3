import { scriptedModelLabel } from '@toolgrant/example-local-stack';
import { describe, expect, it } from 'vitest';
import { chooseModel } from './choose-model.js';
import { ScriptedAgentsModel } from './scripted-agents-model.js';

// Offline: building OpenAI's model object sends nothing; only calling it would.

const openAIKey = 'sk-test-not-a-real-key';

describe('chooseModel', () => {
  it('takes OpenAI when OPENAI_API_KEY is set, gpt-4.1-mini unless OPENAI_MODEL says otherwise', async () => {
    const chosen = await chooseModel({ environment: { OPENAI_API_KEY: openAIKey } });
    expect(chosen.model).not.toBeInstanceOf(ScriptedAgentsModel);
    expect(chosen.label).toBe('OpenAI gpt-4.1-mini');
    const custom = await chooseModel({
      environment: { OPENAI_API_KEY: openAIKey, OPENAI_MODEL: 'gpt-5-mini' },
    });
    expect(custom.label).toBe('OpenAI gpt-5-mini');
    expect(`${chosen.label}${custom.label}`).not.toContain(openAIKey);
  });

  it('falls back to the scripted model, labelled as offline and saying how to get a real one', async () => {
    for (const environment of [{}, { OPENAI_API_KEY: ' ' }]) {
      const chosen = await chooseModel({ environment });
      expect(chosen.model).toBeInstanceOf(ScriptedAgentsModel);
      expect(chosen.label).toBe(
        `${scriptedModelLabel} — set OPENAI_API_KEY in .env for a real one`,
      );
    }
  });
});
