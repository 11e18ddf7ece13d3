// Starts the test provider for demos and manual testing: `pnpm --filter @toolgrant/testkit start`.
// The client secret is printed on purpose: it is a throwaway value for a loopback demo.

import { parseArgs } from 'node:util';
import { formatProviderSummary } from './format-provider-summary.js';
import { startOAuthProvider } from './start-oauth-provider.js';

// `pnpm start -- --port 0` passes the `--` through.
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();

const { values } = parseArgs({
  args,
  options: {
    port: { type: 'string', default: '4010' },
    'client-id': { type: 'string', default: 'toolgrant-engine' },
    'client-secret': { type: 'string', default: 'toolgrant-engine-secret' },
    'redirect-uri': { type: 'string', multiple: true },
    'access-token-ttl': { type: 'string', default: '3600' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: toolgrant-testkit [--port 4010] [--client-id id] [--client-secret secret]
       [--redirect-uri http://127.0.0.1:<engine port>/v1/oauth/callback ...] [--access-token-ttl 3600]`);
  process.exit(0);
}

const port = Number(values.port);
const accessTokenTtlSeconds = Number(values['access-token-ttl']);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number between 0 and 65535, got '${values.port}'.`);
  process.exit(2);
}

const clients = [
  {
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    redirectUris: values['redirect-uri'] ?? ['http://127.0.0.1:9099/v1/oauth/callback'],
    name: 'Toolgrant',
  },
];
const provider = await startOAuthProvider({ port, clients, accessTokenTtlSeconds });
console.log(formatProviderSummary({ provider, clients }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void provider.close().then(() => process.exit(0));
  });
}
