import { createEngine } from '@toolgrant/engine';
import { formatEngineSummary } from './format-engine-summary.js';
import { githubProviderFromEnvironment } from './github-provider-from-environment.js';
import { githubToolkit } from './github-toolkit.js';
import { loadDotEnv } from './load-dot-env.js';
import { runServer } from './run-server.js';

// `pnpm engine`: the engine runs the GitHub toolkit in its own process. It keeps users' tokens
// encrypted in SQLite under ./.toolgrant and listens on PORT, else 9099.

loadDotEnv();
await runServer(async () => {
  const engine = await createEngine({
    toolkits: [githubToolkit({ apiBaseUrl: process.env.GITHUB_API_URL || undefined })],
    providers: [githubProviderFromEnvironment()],
    // A local example: whoever opens an authorization link completes it. In production,
    // leave this out and set userVerification and TOOLGRANT_ENCRYPTION_KEY instead.
    devMode: true,
  });
  await engine.listen();
  console.log(await formatEngineSummary({ engine, servedBy: 'this process' }));
  return engine;
});
