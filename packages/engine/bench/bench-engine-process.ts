import { apiKey, defineTool, defineToolkit, oauth2 } from '@toolgrant/worker';
import { z } from 'zod/v4';
import { createEngine } from '../src/create-engine.js';

// The engine the benchmark measures, in its own process: an authorized no-op tool (OAuth 2.0
// at the testkit provider, so every call looks up and decrypts the user's credential) and a
// no-op behind a user's API key, for API-key flows. Prints `{"url": ...}` once listening.

type Settings = {
  dataDirectory: string;
  encryptionKey: string;
  apiKey: string;
  provider: {
    clientId: string;
    clientSecret: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
  };
};

const settings = JSON.parse(process.env.TOOLGRANT_E2E_SETTINGS ?? 'null') as Settings | null;
if (settings === null) throw new Error('Set TOOLGRANT_E2E_SETTINGS to the benchmark settings.');

const bench = defineToolkit({
  name: 'Bench',
  version: '1.0.0',
  description: 'Tools that do nothing, for measuring the engine.',
  tools: [
    defineTool({
      name: 'Noop',
      description: 'Answers at once, with the user’s OAuth 2.0 credential in its context.',
      input: z.object({}),
      auth: oauth2({ provider: 'testkit', scopes: ['inbox.read'] }),
      execute: (_input, context) => ({ ok: context.getAuthToken().length > 0 }),
    }),
    defineTool({
      name: 'KeyNoop',
      description: 'Answers at once, with the user’s API key in its context.',
      input: z.object({}),
      auth: apiKey({ provider: 'benchkey' }),
      execute: (_input, context) => ({ ok: context.getAuthToken().length > 0 }),
    }),
  ],
});

const engine = await createEngine({
  toolkits: [bench],
  providers: [
    {
      id: 'testkit',
      type: 'oauth2',
      clientId: settings.provider.clientId,
      clientSecret: settings.provider.clientSecret,
      authorizeUrl: settings.provider.authorizationEndpoint,
      tokenUrl: settings.provider.tokenEndpoint,
    },
    { id: 'benchkey', type: 'api_key', name: 'Bench key' },
  ],
  dataDirectory: settings.dataDirectory,
  encryptionKey: settings.encryptionKey,
  apiKeys: [settings.apiKey],
  // Verification is not what this tests; dev mode is chosen explicitly.
  devMode: true,
  environment: {},
  logger: {
    debug() {},
    info() {},
    warn() {},
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
