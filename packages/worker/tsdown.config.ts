import { defineConfig } from 'tsdown';

export default defineConfig({
  // dist/cli.js is the `toolgrant-worker` bin; its shebang comes from src/cli/main.ts.
  entry: { index: 'src/index.ts', internal: 'src/internal.ts', cli: 'src/cli/main.ts' },
  format: 'esm',
  dts: true,
  platform: 'node',
  // .js and .d.ts, as the exports map names them (the package is "type": "module").
  fixedExtension: false,
  clean: true,
});
