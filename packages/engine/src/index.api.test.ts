import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
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

/** The names src/index.ts exports, split into values and types-only, by the compiler. */
function declaredExports(): { values: string[]; types: string[] } {
  const entry = path.join(path.dirname(new URL(import.meta.url).pathname), 'index.ts');
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry) as ts.SourceFile);
  const values: string[] = [];
  const types: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol as ts.Symbol)) {
    const target =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    (target.flags & ts.SymbolFlags.Value ? values : types).push(exported.name);
  }
  return { values: values.sort(), types: types.sort() };
}

describe('the public API of @toolgrant/engine', () => {
  it('exports exactly these values at runtime', () => {
    expect(Object.keys(engine).sort()).toEqual(publicValues);
  });

  it('declares exactly these values and types', () => {
    expect(declaredExports()).toEqual({ values: publicValues, types: publicTypes });
  });
});
