import { describe, expect, it } from 'vitest';
import { chooseModel } from '../lib/choose-model.js';

// Which model answers is one environment variable; nothing here calls a provider.

describe('chooseModel', () => {
  it('uses the scripted demo model, labelled as such, when no key is set', async () => {
    const chosen = chooseModel({});
    expect(chosen).toMatchObject({ label: 'Scripted demo model (offline)', scripted: true });
    expect(chosen.model).toMatchObject({ provider: 'toolgrant-demo', modelId: 'scripted' });
  });

  it('uses OpenAI when OPENAI_API_KEY is set, with OPENAI_MODEL or gpt-4.1-mini', () => {
    const chosen = chooseModel({ OPENAI_API_KEY: 'sk-test' });
    expect(chosen).toMatchObject({ label: 'OpenAI gpt-4.1-mini', scripted: false });
    expect(chosen.model).toMatchObject({
      modelId: 'gpt-4.1-mini',
      provider: expect.stringMatching(/^openai/),
    });
    expect(chooseModel({ OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'gpt-5' }).label).toBe(
      'OpenAI gpt-5',
    );
  });

  it('uses Anthropic when only ANTHROPIC_API_KEY is set', () => {
    const chosen = chooseModel({ ANTHROPIC_API_KEY: 'sk-ant-test' });
    expect(chosen).toMatchObject({ label: 'Anthropic claude-sonnet-4-5', scripted: false });
    expect(chosen.model).toMatchObject({
      modelId: 'claude-sonnet-4-5',
      provider: expect.stringMatching(/^anthropic/),
    });
  });

  it('treats an empty key as unset, as an untouched .env.example leaves it', () => {
    expect(chooseModel({ OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' }).scripted).toBe(true);
  });
});
