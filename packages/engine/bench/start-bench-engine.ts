import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Arcade from '@arcadeai/arcadejs';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { spawnServerProcess } from '../test/e2e/spawn-server-process.js';

// What the engine benchmarks share: a testkit OAuth provider and the benchmark engine
// (bench-engine-process.ts) in its own process, registered there, with the official client.
// BENCH_CPU_PROF=<directory> writes a CPU profile of the engine process there.

export type BenchEngine = {
  url: string;
  apiKey: string;
  provider: OAuthProvider;
  client: Arcade;
  /** Authorizes Bench.Noop for a user at the provider, as alice logs in there. */
  authorize(userId: string): Promise<void>;
  stop(): Promise<void>;
};

export async function startBenchEngine(): Promise<BenchEngine> {
  const clientId = 'toolgrant-bench';
  const clientSecret = randomBytes(16).toString('hex');
  const apiKey = `tg_bench_${randomBytes(16).toString('hex')}`;
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-bench-'));
  const profileDirectory = process.env.BENCH_CPU_PROF;
  const provider = await startOAuthProvider();
  const engine = await spawnServerProcess({
    script: fileURLToPath(new URL('./bench-engine-process.ts', import.meta.url)),
    settings: {
      dataDirectory,
      encryptionKey: randomBytes(32).toString('base64'),
      apiKey,
      provider: {
        clientId,
        clientSecret,
        authorizationEndpoint: provider.authorizationEndpoint,
        tokenEndpoint: provider.tokenEndpoint,
      },
    },
    nodeArguments:
      profileDirectory === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDirectory)}`],
  });
  provider.addClient({ clientId, clientSecret, redirectUris: [`${engine.url}/v1/oauth/callback`] });
  const client = new Arcade({ apiKey, baseURL: engine.url, maxRetries: 0 });
  return {
    url: engine.url,
    apiKey,
    provider,
    client,
    async authorize(userId) {
      const authorization = await client.tools.authorize({
        tool_name: 'Bench.Noop',
        user_id: userId,
      });
      await provider.completeConsent({
        authorizationUrl: authorization.url ?? '',
        username: 'alice',
        password: 'alice-password',
      });
      await client.auth.waitForCompletion(authorization);
    },
    async stop() {
      await engine.stop();
      await provider.close();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
