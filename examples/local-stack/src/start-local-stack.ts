import { rm } from 'node:fs/promises';
import Arcade from '@arcadeai/arcadejs';
import { createEngine, type EngineLogger } from '@toolgrant/engine';
import { type DemoUser, demoUsers, startOAuthProvider } from '@toolgrant/testkit';
import { demoProviderId, inboxToolkit } from './inbox-toolkit.js';

// Everything an example needs that would otherwise be on the internet, on loopback: the
// testkit's OAuth provider (real login and consent pages) with its protected inbox API, and a
// Toolgrant engine that keeps its credentials in SQLite and serves the Inbox toolkit.

export interface StartLocalStackOptions {
  /** Where the engine keeps its SQLite file and keys. Emptied first: see below. */
  dataDirectory: string;
  /** Default 0 (any free port). The demo uses 9099. */
  enginePort?: number;
  /** Default 0 (any free port). The demo uses 4010. */
  providerPort?: number;
  /** Default: the engine's errors on the console. Its dev-mode warnings are what this is. */
  logger?: EngineLogger;
}

export interface LocalStack {
  /** The engine's URL: what `ARCADE_BASE_URL` would be. */
  engineUrl: string;
  /** The engine's API key: what `ARCADE_API_KEY` would be. Server-side only. */
  apiKey: string;
  /** The official client, pointed at the engine. */
  client: Arcade;
  /** The provider's login page origin, for the summary a person reads. */
  providerUrl: string;
  /** Who to sign in as at the provider. */
  demoUser: DemoUser;
  close(): Promise<void>;
}

const clientId = 'toolgrant-demo-engine';

const errorsOnly: EngineLogger = {
  debug() {},
  info() {},
  warn() {},
  error: (message, fields) => console.error(`[toolgrant] ${message}`, ...(fields ? [fields] : [])),
};

export async function startLocalStack({
  dataDirectory,
  enginePort = 0,
  providerPort = 0,
  logger = errorsOnly,
}: StartLocalStackOptions): Promise<LocalStack> {
  // The provider keeps its grants in memory, so tokens stored by an earlier run would point at
  // grants it has forgotten. Each run starts with an empty data directory instead.
  await rm(dataDirectory, { recursive: true, force: true });

  const provider = await startOAuthProvider({ port: providerPort });
  try {
    // A per-run secret: the provider and the engine are the only ones who ever see it.
    const clientSecret = crypto.randomUUID();
    const engine = await createEngine({
      toolkits: [inboxToolkit({ inboxUrl: provider.inboxUrl })],
      providers: [
        {
          id: demoProviderId,
          clientId,
          clientSecret,
          authorizeUrl: provider.authorizationEndpoint,
          tokenUrl: provider.tokenEndpoint,
          revokeUrl: provider.revocationEndpoint,
        },
      ],
      dataDirectory,
      devMode: true,
      environment: {},
      logger,
    });
    const { url: engineUrl } = await engine.listen({ port: enginePort });
    provider.addClient({ clientId, clientSecret, redirectUris: [engine.redirectUri] });
    const apiKey = engine.apiKeys[0] as string;

    return {
      engineUrl,
      apiKey,
      client: new Arcade({ apiKey, baseURL: engineUrl, maxRetries: 0 }),
      providerUrl: new URL(provider.authorizationEndpoint).origin,
      demoUser: demoUsers[0] as DemoUser,
      async close() {
        await engine.close();
        await provider.close();
      },
    };
  } catch (error) {
    await provider.close();
    throw error;
  }
}
