import { describe, expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as engine from './index.js';

// The public API of `@toolgrant/engine`, as applications see it. A change here is a change
// to what the package promises: make it on purpose, with a changeset.

const publicValues = [
  'DecryptionFailedError',
  'EncryptionKeyMismatchError',
  'EngineClientError',
  'EngineLifecycleError',
  'InvalidEncryptionKeyError',
  'InvalidEngineConfigError',
  'InvalidEngineOptionsError',
  'InvalidProviderConfigError',
  'StoreConfigurationError',
  'atlassian',
  'createEngine',
  'defineConfig',
  'dropbox',
  'github',
  'google',
  'hubspot',
  'linear',
  'loadEncryptionKey',
  'microsoft',
  'notion',
  'openStore',
  'providerPresetNames',
  'slack',
  'spotify',
  'x',
  'zoom',
];

const publicTypes = [
  'ApiKeyProviderConfig',
  'ApiKeyProviderInput',
  'ApiKeySource',
  'ClientAuthentication',
  'CreateEngineOptions',
  'Engine',
  'EngineConfig',
  'EngineLogger',
  'ErrorEnvelope',
  'InProcessClient',
  'InProcessClientRequestOptions',
  'LoadedEncryptionKey',
  'McpConfig',
  'OAuth2ProviderConfig',
  'OAuth2ProviderInput',
  'OAuth2ProviderSettings',
  'PresetProviderOptions',
  'ProviderConfig',
  'ProviderConfigInput',
  'ProviderPresetName',
  'RuntimeWorkersConfig',
  'Store',
  'UserVerification',
  'WorkerConfig',
];

describe('the public API of @toolgrant/engine', () => {
  it('exports exactly these values at runtime', () => {
    expect(Object.keys(engine).sort()).toEqual(publicValues);
  });

  it('declares exactly these values and types', () => {
    expect(apiSurface({ entry: new URL('./index.ts', import.meta.url), runtime: engine })).toEqual({
      values: publicValues,
      types: publicTypes,
    });
  });
});
