#!/usr/bin/env node
// The `toolgrant` command runs the built CLI (dist/cli.js, from src/cli/main.ts). This file exists
// before any build, so installing the repository links the command without a warning; run from
// a clone that has not been built yet, it says how to build instead of a module-not-found trace.

const cli = new URL('../dist/cli.js', import.meta.url);

try {
  await import(cli.href);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(cli.pathname)) {
    throw error;
  }
  process.stderr.write(
    'toolgrant: this copy of @toolgrant/engine is not built yet. Run `npx --yes pnpm@10.34.9 build` in the repository first.\n',
  );
  process.exitCode = 1;
}
