import { defineTool, defineToolkit } from '@toolgrant/worker';
import { z } from 'zod/v4';
import { createEngine } from '../src/create-engine.js';

// The engine of the remote-worker benchmark, in its own process: the same no-op tool in process
// (Local.Noop) and on a worker (Remote.Noop). Prints `{"url": ...}` once listening.

type Settings = {
  dataDirectory: string;
  encryptionKey: string;
  apiKey: string;
  workerUrl: string;
  secret: string;
};

const settings = JSON.parse(process.env.TOOLGRANT_E2E_SETTINGS ?? 'null') as Settings | null;
if (settings === null) throw new Error('Set TOOLGRANT_E2E_SETTINGS to the benchmark settings.');

const local = defineToolkit({
  name: 'Local',
  version: '1.0.0',
  description: 'A no-op in the engine process.',
  tools: [
    defineTool({
      name: 'Noop',
      description: 'Answers at once.',
      input: z.object({}),
      execute: () => ({ ok: true }),
    }),
  ],
});

const engine = await createEngine({
  toolkits: [local],
  workers: [{ id: 'bench', url: settings.workerUrl, secret: settings.secret }],
  dataDirectory: settings.dataDirectory,
  encryptionKey: settings.encryptionKey,
  apiKeys: [settings.apiKey],
  // Verification is not what this tests; dev mode is chosen explicitly.
  devMode: true,
  environment: {},
  logger: {
    debug() {},
    info() {},
    warn: (message) => process.stderr.write(`warn ${message}\n`),
    error: (message) => process.stderr.write(`error ${message}\n`),
  },
});
const { url } = await engine.listen({ port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', () => {
  engine.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
