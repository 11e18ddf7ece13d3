import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Arcade from '@arcadeai/arcadejs';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, beforeAll, expect } from 'vitest';
import { createEngine, type Engine } from '../../src/create-engine.js';
import { testkitProviderId } from '../e2e/e2e-toolkits.js';
import { clientId, clientSecret } from '../e2e/engine-under-test.js';
import { gmailTools, notesTools } from './arcade-style-toolkits.js';
import { type ArcadeStyleWorker, startArcadeStyleWorker } from './start-arcade-style-worker.js';

// An engine whose only tools come from the Arcade-style fixture worker (Notes 0.4.0 and Gmail
// 3.1.0), with the testkit's real OAuth 2.0 provider, driven by the official client over HTTP.

export type ArcadeStyleSetup = {
  provider: OAuthProvider;
  worker: ArcadeStyleWorker;
  engine: Engine;
  /** The official client, as an application holds it. */
  client: Arcade;
  /** The official client with the admin key. */
  admin: Arcade;
  /** Sets an engine secret through the admin API. */
  setSecret(key: string, value: string): Promise<void>;
};

export function useArcadeStyleEngine(): () => ArcadeStyleSetup {
  let setup: ArcadeStyleSetup | undefined;
  let dataDirectory: string | undefined;

  beforeAll(async () => {
    const secret = `arcade-worker-secret-${randomBytes(12).toString('hex')}`;
    const apiKey = `tg_test_${randomBytes(12).toString('hex')}`;
    const adminKey = `tg_admin_${randomBytes(12).toString('hex')}`;
    const provider = await startOAuthProvider();
    const worker = await startArcadeStyleWorker({
      secret,
      toolkits: [
        { name: 'Notes', version: '0.4.0', description: 'Notes.', tools: notesTools },
        {
          name: 'Gmail',
          version: '3.1.0',
          description: 'Mail.',
          tools: gmailTools({ providerId: testkitProviderId, inboxUrl: provider.inboxUrl }),
        },
      ],
    });
    dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-arcade-worker-'));
    const engine = await createEngine({
      workers: [{ id: 'arcade', url: worker.url, secret }],
      providers: [
        {
          id: testkitProviderId,
          type: 'oauth2',
          clientId,
          clientSecret,
          authorizeUrl: provider.authorizationEndpoint,
          tokenUrl: provider.tokenEndpoint,
        },
      ],
      adminApiKeys: [adminKey],
      dataDirectory,
      encryptionKey: randomBytes(32).toString('base64'),
      apiKeys: [apiKey],
      // Verification of the user at the callback is not what this tests.
      devMode: true,
      environment: {},
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const { url } = await engine.listen({ port: 0 });
    provider.addClient({ clientId, clientSecret, redirectUris: [engine.redirectUri] });
    setup = {
      provider,
      worker,
      engine,
      client: new Arcade({ apiKey, baseURL: url, maxRetries: 0 }),
      admin: new Arcade({ apiKey: adminKey, baseURL: url, maxRetries: 0 }),
      async setSecret(key, value) {
        const response = await fetch(`${url}/v1/admin/secrets/${key}`, {
          method: 'POST',
          headers: { authorization: adminKey, 'content-type': 'application/json' },
          body: JSON.stringify({ value }),
        });
        expect(response.status).toBe(200);
      },
    };
  }, 60_000);

  afterAll(async () => {
    await setup?.engine.close();
    await setup?.worker.close();
    await setup?.provider.close();
    if (dataDirectory !== undefined) await rm(dataDirectory, { recursive: true, force: true });
  });

  return () => {
    if (setup === undefined) throw new Error('Read the setup inside a test or hook.');
    return setup;
  };
}
