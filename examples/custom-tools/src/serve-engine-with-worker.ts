import { createEngine } from '@toolgrant/engine';
import { formatEngineSummary } from './format-engine-summary.js';
import { githubProviderFromEnvironment } from './github-provider-from-environment.js';
import { loadDotEnv } from './load-dot-env.js';
import { requireEnvironmentVariable } from './require-environment-variable.js';
import { runServer } from './run-server.js';

// `pnpm engine:with-worker`: an engine with no toolkit of its own; the GitHub tools come from
// the worker (`pnpm worker`). The engine still runs the OAuth flow and keeps the tokens; the
// worker gets the user's token with each call.

loadDotEnv();
await runServer(async () => {
  const workerUrl = process.env.GITHUB_WORKER_URL || 'http://127.0.0.1:8002';
  const engine = await createEngine({
    workers: [
      {
        id: 'github-tools',
        url: workerUrl,
        secret: requireEnvironmentVariable({
          variable: 'TOOLGRANT_WORKER_SECRET',
          description:
            'The secret the worker was started with (the worker command reads the same .env).',
        }),
      },
    ],
    providers: [githubProviderFromEnvironment()],
    // A local example: whoever opens an authorization link completes it. In production,
    // leave this out and set userVerification and TOOLGRANT_ENCRYPTION_KEY instead.
    devMode: true,
  });
  await engine.listen();
  console.log(await formatEngineSummary({ engine, servedBy: `the worker at ${workerUrl}` }));
  return engine;
});
