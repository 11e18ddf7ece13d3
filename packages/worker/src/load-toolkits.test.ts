import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidWorkerOptionsError } from './invalid-worker-options-error.js';
import { loadToolkits } from './load-toolkits.js';

const directory = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const names = (toolkits: { name: string; version: string }[]) =>
  toolkits.map((toolkit) => `${toolkit.name}@${toolkit.version}`);

describe('loadToolkits', () => {
  it('loads a TypeScript file whose default export is a toolkit', async () => {
    expect(names(await loadToolkits({ file: 'weather-toolkit.ts', directory }))).toEqual([
      'Weather@1.0.0',
    ]);
  });

  it('loads a default export that is an array of toolkits', async () => {
    expect(names(await loadToolkits({ file: 'two-versions.ts', directory }))).toEqual([
      'Weather@1.0.0',
      'Weather@2.0.0',
    ]);
  });

  it('without a default export, loads every exported toolkit', async () => {
    expect(names(await loadToolkits({ file: 'named-exports.ts', directory }))).toEqual([
      'Weather@2.0.0',
    ]);
  });

  it('refuses a default export that is not a toolkit, and a missing file', async () => {
    const bad = loadToolkits({ file: 'bad-default.ts', directory });
    await expect(bad).rejects.toThrow(/default export of .*bad-default\.ts is not a toolkit/);
    await expect(bad).rejects.toSatisfy(InvalidWorkerOptionsError.isInstance);
    await expect(loadToolkits({ file: 'nowhere.ts', directory })).rejects.toThrow(
      /nowhere\.ts does not exist/,
    );
  });
});
