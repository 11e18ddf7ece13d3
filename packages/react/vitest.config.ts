import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../../vitest.shared.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.tsx'],
    // A real DOM (happy-dom) for React's real renderer; see test/dom.ts.
    setupFiles: ['./test/dom.ts'],
  },
});
