import { defineTool, defineToolkit, serveWorker } from '@toolgrant/worker';
import { z } from 'zod/v4';

// The worker the remote-worker benchmark calls, in its own process: one no-op tool served with
// `serveWorker`. Prints `{"url": ...}` once listening.

const settings = JSON.parse(process.env.TOOLGRANT_E2E_SETTINGS ?? 'null') as {
  secret: string;
} | null;
if (settings === null) throw new Error('Set TOOLGRANT_E2E_SETTINGS to { secret }.');

const worker = await serveWorker({
  toolkits: [
    defineToolkit({
      name: 'Remote',
      version: '1.0.0',
      description: 'A no-op served by a worker.',
      tools: [
        defineTool({
          name: 'Noop',
          description: 'Answers at once.',
          input: z.object({}),
          execute: () => ({ ok: true }),
        }),
      ],
    }),
  ],
  secret: settings.secret,
  port: 0,
});
process.stdout.write(`${JSON.stringify({ url: worker.url })}\n`);
process.once('SIGTERM', () => {
  worker.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
