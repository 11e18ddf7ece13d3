import { ChatAnthropic } from '@langchain/anthropic';
import { ChatOpenAI } from '@langchain/openai';
import { scriptedModelLabel } from '@toolgrant/example-local-stack';
import { describe, expect, it } from 'vitest';
import { chooseModel } from './choose-model.js';
import { ScriptedChatModel } from './scripted-chat-model.js';

// Offline: building a provider's model object sends nothing; only calling it would.

const openAIKey = 'sk-test-not-a-real-key';
const anthropicKey = 'sk-ant-test-not-a-real-key';

describe('chooseModel', () => {
  it('takes OpenAI when OPENAI_API_KEY is set, gpt-4.1-mini unless OPENAI_MODEL says otherwise', () => {
    const chosen = chooseModel({ environment: { OPENAI_API_KEY: openAIKey } });
    expect(chosen.model).toBeInstanceOf(ChatOpenAI);
    expect((chosen.model as ChatOpenAI).model).toBe('gpt-4.1-mini');
    expect(chosen.label).toBe('OpenAI gpt-4.1-mini');

    const custom = chooseModel({
      environment: { OPENAI_API_KEY: openAIKey, OPENAI_MODEL: 'gpt-5-mini' },
    });
    expect((custom.model as ChatOpenAI).model).toBe('gpt-5-mini');
    expect(custom.label).toBe('OpenAI gpt-5-mini');
  });

  it('prefers OpenAI when both keys are set', () => {
    const chosen = chooseModel({
      environment: { OPENAI_API_KEY: openAIKey, ANTHROPIC_API_KEY: anthropicKey },
    });
    expect(chosen.model).toBeInstanceOf(ChatOpenAI);
  });

  it('takes Anthropic when only ANTHROPIC_API_KEY is set, claude-sonnet-4-5 unless ANTHROPIC_MODEL says otherwise', () => {
    const chosen = chooseModel({ environment: { ANTHROPIC_API_KEY: anthropicKey } });
    expect(chosen.model).toBeInstanceOf(ChatAnthropic);
    expect((chosen.model as ChatAnthropic).model).toBe('claude-sonnet-4-5');
    expect(chosen.label).toBe('Anthropic claude-sonnet-4-5');

    const custom = chooseModel({
      environment: { ANTHROPIC_API_KEY: anthropicKey, ANTHROPIC_MODEL: 'claude-haiku-4-5' },
    });
    expect((custom.model as ChatAnthropic).model).toBe('claude-haiku-4-5');
  });

  it('falls back to the scripted model, labelled as offline and saying how to get a real one', () => {
    for (const environment of [{}, { OPENAI_API_KEY: ' ', ANTHROPIC_API_KEY: '' }]) {
      const chosen = chooseModel({ environment });
      expect(chosen.model).toBeInstanceOf(ScriptedChatModel);
      expect(chosen.label).toBe(
        `${scriptedModelLabel} — set OPENAI_API_KEY or ANTHROPIC_API_KEY in .env for a real one`,
      );
    }
  });

  it('never puts a key in the label', () => {
    const labels = [
      chooseModel({ environment: { OPENAI_API_KEY: openAIKey } }).label,
      chooseModel({ environment: { ANTHROPIC_API_KEY: anthropicKey } }).label,
    ];
    for (const label of labels) {
      expect(label).not.toContain(openAIKey);
      expect(label).not.toContain(anthropicKey);
    }
  });
});
