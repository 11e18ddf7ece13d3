import { serveWorker } from '@toolgrant/worker';
import { createE2eToolkits } from '../e2e/e2e-toolkits.js';
import { echoToolkit, slowToolkit } from './worker-toolkits.js';

// A worker in its own process, as a toolkit author deploys one: `serveWorker` with the inbox
// toolkit (OAuth 2.0 at the testkit provider), the slow tools and Echo 3.0.0. Settings come in
// TOOLGRANT_E2E_SETTINGS; it prints `{"url": ...}` once listening.

type WorkerProcessSettings = { port: number; secret: string; inboxUrl: string };

const settings = JSON.parse(process.env.TOOLGRANT_E2E_SETTINGS ?? 'null') as WorkerProcessSettings;
if (settings === null) {
  throw new Error('Set TOOLGRANT_E2E_SETTINGS to the JSON settings of this worker process.');
}
const [inbox] = createE2eToolkits({ inboxUrl: settings.inboxUrl });
const worker = await serveWorker({
  toolkits: [
    inbox as NonNullable<typeof inbox>,
    slowToolkit,
    echoToolkit({ version: '3.0.0', servedBy: 'worker process' }),
  ],
  secret: settings.secret,
  port: settings.port,
});
process.stdout.write(`${JSON.stringify({ url: worker.url })}\n`);
process.once('SIGTERM', () => {
  worker.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
