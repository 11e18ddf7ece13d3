import { defineConfig } from 'vitest/config';

// One run over every workspace package; each keeps its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
