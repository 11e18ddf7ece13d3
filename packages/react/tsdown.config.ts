import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  dts: true,
  platform: 'neutral',
  clean: true,
  // A hook and a component with state: importable from a Next.js server component's tree only
  // as client code.
  banner: { js: "'use client';" },
});
