import { Agent } from '@mastra/core/agent';
import { scriptedModelLabel } from '@toolgrant/example-local-stack';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseModel } from './choose-model.js';

// What Mastra makes of the choice, resolved the way an Agent does, without a network call.

const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in this test')));

beforeEach(() => {
  vi.stubGlobal('fetch', fetchSpy);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  fetchSpy.mockClear();
});

/** The model object Mastra's router resolves the agent's model to. */
async function resolve(environment: Record<string, string>) {
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  const { model, label } = chooseModel(environment);
  const agent = new Agent({ id: 'probe', name: 'Probe', instructions: 'Probe.', model });
  const resolved = (await agent.getModel()) as { provider: string; modelId: string };
  return { model, label, provider: resolved.provider, modelId: resolved.modelId };
}

describe('chooseModel', () => {
  it('uses OpenAI through the model router when OPENAI_API_KEY is set', async () => {
    expect(await resolve({ OPENAI_API_KEY: 'sk-dummy-key' })).toEqual({
      model: 'openai/gpt-4.1-mini',
      label: 'OpenAI gpt-4.1-mini',
      provider: 'openai',
      modelId: 'gpt-4.1-mini',
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('takes the OpenAI model from OPENAI_MODEL, and prefers OpenAI when both keys are set', async () => {
    expect(
      await resolve({
        OPENAI_API_KEY: 'sk-dummy-key',
        OPENAI_MODEL: 'gpt-4.1',
        ANTHROPIC_API_KEY: 'sk-ant-dummy-key',
      }),
    ).toMatchObject({ label: 'OpenAI gpt-4.1', provider: 'openai', modelId: 'gpt-4.1' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('uses Anthropic when only ANTHROPIC_API_KEY is set, with ANTHROPIC_MODEL if given', async () => {
    expect(await resolve({ ANTHROPIC_API_KEY: 'sk-ant-dummy-key' })).toEqual({
      model: 'anthropic/claude-sonnet-4-5',
      label: 'Anthropic claude-sonnet-4-5',
      provider: 'anthropic',
      modelId: 'claude-sonnet-4-5',
    });
    expect(
      await resolve({ ANTHROPIC_API_KEY: 'sk-ant-dummy-key', ANTHROPIC_MODEL: 'claude-opus-4-1' }),
    ).toMatchObject({ provider: 'anthropic', modelId: 'claude-opus-4-1' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('falls back to the scripted demo model, labelled as such, without a key (or with an empty one)', async () => {
    const environments: Record<string, string>[] = [
      {},
      { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: ' ' },
    ];
    for (const environment of environments) {
      const chosen = await resolve(environment);
      expect(chosen).toMatchObject({ provider: 'toolgrant-demo', modelId: 'scripted' });
      expect(chosen.label).toBe(
        `${scriptedModelLabel} — set OPENAI_API_KEY or ANTHROPIC_API_KEY in .env for a real one`,
      );
    }
  });
});
