import { type CreateEngineOptions, createEngine } from '../../src/create-engine.js';
import { createE2eToolkits, testkitProviderId } from './e2e-toolkits.js';

// One engine process, as an operator would run several behind a load balancer: started by
// the two-process test (and the benchmark) with its settings in TOOLGRANT_E2E_SETTINGS, it
// prints `{"url": ...}` on a line once listening and shuts down gracefully on SIGTERM.

export type EngineProcessSettings = {
  databaseUrl?: string;
  dataDirectory?: string;
  encryptionKey: string;
  apiKey: string;
  provider: {
    clientId: string;
    clientSecret: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
    revocationEndpoint: string;
    inboxUrl: string;
  };
  /** Remote workers: configured ones, runtime registration and the admin keys it needs. */
  workerOptions?: Pick<CreateEngineOptions, 'workers' | 'runtimeWorkers' | 'adminApiKeys'>;
};

const settings = JSON.parse(process.env.TOOLGRANT_E2E_SETTINGS ?? 'null') as EngineProcessSettings;
if (settings === null) {
  throw new Error('Set TOOLGRANT_E2E_SETTINGS to the JSON settings of this engine process.');
}

const engine = await createEngine({
  toolkits: createE2eToolkits({ inboxUrl: settings.provider.inboxUrl }),
  providers: [
    {
      id: testkitProviderId,
      type: 'oauth2',
      clientId: settings.provider.clientId,
      clientSecret: settings.provider.clientSecret,
      authorizeUrl: settings.provider.authorizationEndpoint,
      tokenUrl: settings.provider.tokenEndpoint,
      revokeUrl: settings.provider.revocationEndpoint,
    },
  ],
  ...(settings.databaseUrl === undefined ? {} : { databaseUrl: settings.databaseUrl }),
  ...(settings.dataDirectory === undefined ? {} : { dataDirectory: settings.dataDirectory }),
  encryptionKey: settings.encryptionKey,
  apiKeys: [settings.apiKey],
  ...settings.workerOptions,
  // Verification is not what this tests; dev mode is chosen explicitly.
  devMode: true,
  environment: {},
  // Quiet: warnings (dev-mode verification) go to stderr, where the parent ignores them.
  logger: {
    debug() {},
    info() {},
    warn: (message) => process.stderr.write(`warn ${message}\n`),
    error: (message) => process.stderr.write(`error ${message}\n`),
  },
});
const { url } = await engine.listen({ port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    engine.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
