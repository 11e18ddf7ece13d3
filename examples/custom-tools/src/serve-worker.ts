import { serveWorker } from '@toolgrant/worker';
import { githubToolkit } from './github-toolkit.js';
import { loadDotEnv } from './load-dot-env.js';
import { requireEnvironmentVariable } from './require-environment-variable.js';
import { runServer } from './run-server.js';

// `pnpm worker`: the same GitHub toolkit as its own service. The engine
// (`pnpm engine:with-worker`) lists its tools and sends it each call with the user's token,
// signed with the secret both share. Listens on PORT, else 8002.

loadDotEnv();
await runServer(async () => {
  const worker = await serveWorker({
    toolkits: [githubToolkit({ apiBaseUrl: process.env.GITHUB_API_URL || undefined })],
    secret: requireEnvironmentVariable({
      variable: 'TOOLGRANT_WORKER_SECRET',
      description:
        'The secret the engine signs its calls to the worker with; any long random string, the same for both (openssl rand -hex 32).',
    }),
    port: Number(process.env.PORT || 8002),
  });
  console.log(`GitHub tools worker listening at ${worker.url}`);
  return worker;
});
