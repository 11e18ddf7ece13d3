import { randomBytes } from 'node:crypto';
import type { OAuthProvider } from '@toolgrant/testkit';
import type { EngineProcessSettings } from './engine-process.js';
import { clientId, clientSecret } from './engine-under-test.js';

// Settings for engine-process.ts at the testkit provider, with a new encryption key and API key:
// processes started with the same settings share one store, as replicas of one engine do.

export function createEngineProcessSettings({
  provider,
  ...store
}: { provider: OAuthProvider } & Pick<
  EngineProcessSettings,
  'databaseUrl' | 'dataDirectory'
>): EngineProcessSettings {
  return {
    ...store,
    encryptionKey: randomBytes(32).toString('base64'),
    apiKey: `tg_e2e_${randomBytes(16).toString('hex')}`,
    provider: {
      clientId,
      clientSecret,
      authorizationEndpoint: provider.authorizationEndpoint,
      tokenEndpoint: provider.tokenEndpoint,
      revocationEndpoint: provider.revocationEndpoint,
      inboxUrl: provider.inboxUrl,
    },
  };
}
