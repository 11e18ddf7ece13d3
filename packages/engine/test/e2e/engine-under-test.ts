import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import Arcade from '@arcadeai/arcadejs';
import type { OAuthProvider } from '@toolgrant/testkit';
import type { Toolkit } from '@toolgrant/worker';
import type { UserVerification } from '../../src/broker/create-broker.js';
import { type CreateEngineOptions, createEngine, type Engine } from '../../src/create-engine.js';
import type { EngineLogger } from '../../src/shared/engine-logger.js';
import { SqliteStore, sqliteFileName } from '../../src/store/sqlite-store.js';
import { createE2eToolkits, testkitProviderId, weatherProviderId } from './e2e-toolkits.js';

// One engine as a user runs it: `createEngine` on a SQLite data directory, listening on a
// loopback port registered at the testkit provider, driven by the official client over HTTP.
// Everything the engine says is recorded (response bodies as the client received them, log
// lines), and the store can be read directly, so tests can prove what changed and what leaked.

export const clientId = 'toolgrant-engine';
export const clientSecret = 'e2e-client-secret-7f3a9c1d5e8b2046';

export type Recorder = {
  logLines: string[];
  responseBodies: string[];
  errorMessages: string[];
};

export function createRecorder(): Recorder {
  return { logLines: [], responseBodies: [], errorMessages: [] };
}

export function createRecordingLogger(recorder: Recorder): EngineLogger {
  const record =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      recorder.logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    };
  return {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

/** A `fetch` that keeps every response body (and redirect target) it receives. */
export function createRecordingFetch(recorder: Recorder): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    recorder.responseBodies.push(
      `${response.status} ${response.headers.get('location') ?? ''} ${await response.clone().text()}`,
    );
    return response;
  };
}

/** Rows of the store's tables, in a stable order, as they are on disk (encrypted fields too). */
export type StoreDump = {
  flows: Record<string, unknown>[];
  connections: Record<string, unknown>[];
  /** Workers added at runtime. */
  workers: Record<string, unknown>[];
  /** User-scoped MCP tokens (hashes) and the consent-round states spent. */
  mcpTokens: Record<string, unknown>[];
  spentRequestStates: Record<string, unknown>[];
};

export type EngineUnderTest = {
  engine: Engine;
  url: string;
  port: number;
  apiKey: string;
  encryptionKey: string;
  dataDirectory: string;
  /** The official client, as in the seeds, over HTTP, recording what it receives. */
  client: Arcade;
  /** Every credential a tool received (access tokens, API keys). */
  credentialsSeen: Set<string>;
  dumpStore(): StoreDump;
  /** Moves a flow's expiry, as if its ten minutes had passed. */
  expireFlow(flowId: string): void;
  /** Rewrites a stored flow's next_uri behind the engine's back (a flow stored long ago). */
  setFlowNextUri(flowId: string, nextUri: string): void;
  /** Decrypted, as the engine holds it. */
  readCredential(options: {
    userId: string;
    providerId: string;
  }): Promise<{ accessToken: string; refreshToken: string | undefined; expiresAt?: Date }>;
  /** Stops the engine only; the data directory stays for a restart. */
  stop(): Promise<void>;
};

export type StartEngineOptions = {
  provider: OAuthProvider;
  recorder?: Recorder;
  dataDirectory?: string;
  encryptionKey?: string;
  apiKey?: string;
  port?: number;
  userVerification?: UserVerification;
  /** Behind a proxy: the URL browsers and clients use, and the redirect URI's origin. */
  baseUrl?: string;
  /** The client's base URL, when not the engine's own. */
  clientBaseUrl?: string;
  /** Remote workers: configured ones, runtime registration and the admin keys it needs. */
  workerOptions?: Pick<CreateEngineOptions, 'workers' | 'runtimeWorkers' | 'adminApiKeys'>;
  allowedRedirectOrigins?: string[];
  /**
   * A PostgreSQL database (with its own `public` schema) instead of SQLite. The engine's
   * store is then not read by `dumpStore`, `expireFlow` or `readCredential`: query it directly.
   */
  databaseUrl?: string;
  /** The engine's `maxBodyBytes`. */
  maxBodyBytes?: number;
  /** How the engine authenticates at the token endpoint (default client_secret_basic). */
  clientAuthentication?: 'client_secret_basic' | 'client_secret_post';
  /** Further engine options, e.g. the housekeeping schedule. */
  engineOptions?: Partial<CreateEngineOptions>;
  /** Toolkits served beside the end-to-end ones (Inbox, Weather). */
  extraToolkits?: readonly Toolkit[];
};

/**
 * Starts engines that share one testkit provider. Each engine's redirect URI is added to the
 * client registered there, so several engines can take callbacks at once.
 */
export function createEngineLauncher({
  provider,
  clientSecret: secret = clientSecret,
}: {
  provider: OAuthProvider;
  /** The client secret registered at the provider and given to the engine. */
  clientSecret?: string;
}) {
  const redirectUris = new Set<string>();
  const running: EngineUnderTest[] = [];
  const directories: string[] = [];
  const databases: DatabaseSync[] = [];

  function registerRedirectUri(uri: string): void {
    redirectUris.add(uri);
    provider.addClient({ clientId, clientSecret: secret, redirectUris: [...redirectUris] });
  }

  async function start({
    recorder = createRecorder(),
    dataDirectory,
    encryptionKey = randomBytes(32).toString('base64'),
    apiKey = `tg_e2e_${randomBytes(16).toString('hex')}`,
    port = 0,
    userVerification,
    baseUrl,
    clientBaseUrl,
    workerOptions,
    allowedRedirectOrigins,
    databaseUrl,
    maxBodyBytes,
    clientAuthentication,
    engineOptions = {},
    extraToolkits = [],
  }: Omit<StartEngineOptions, 'provider'> = {}): Promise<EngineUnderTest> {
    const directory = dataDirectory ?? (await mkdtemp(path.join(tmpdir(), 'toolgrant-e2e-')));
    if (dataDirectory === undefined) directories.push(directory);
    const credentialsSeen = new Set<string>();
    const engine = await createEngine({
      toolkits: [
        ...createE2eToolkits({
          inboxUrl: provider.inboxUrl,
          onCredential: (credential) => credentialsSeen.add(credential),
        }),
        ...extraToolkits,
      ],
      providers: [
        {
          id: testkitProviderId,
          type: 'oauth2',
          clientId,
          clientSecret: secret,
          ...(clientAuthentication === undefined ? {} : { clientAuthentication }),
          authorizeUrl: provider.authorizationEndpoint,
          tokenUrl: provider.tokenEndpoint,
          revokeUrl: provider.revocationEndpoint,
        },
        {
          id: weatherProviderId,
          type: 'api_key',
          name: 'OpenWeather',
          description: 'Find your key at openweathermap.org under API keys.',
        },
      ],
      dataDirectory: directory,
      encryptionKey,
      apiKeys: [apiKey],
      logger: createRecordingLogger(recorder),
      environment: {},
      // Dev mode only when the test does not ask for a verifier, and then explicitly.
      ...(userVerification === undefined ? { devMode: true } : { userVerification }),
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...workerOptions,
      ...(allowedRedirectOrigins === undefined ? {} : { allowedRedirectOrigins }),
      ...(databaseUrl === undefined ? {} : { databaseUrl }),
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
      ...engineOptions,
    });
    const { url } = await engine.listen({ port });
    registerRedirectUri(engine.redirectUri);

    const database =
      databaseUrl === undefined
        ? new DatabaseSync(path.join(directory, sqliteFileName))
        : undefined;
    database?.exec('PRAGMA busy_timeout = 5000;');
    if (database !== undefined) databases.push(database);
    const sqlite = (): DatabaseSync => {
      if (database === undefined) {
        throw new Error('This engine keeps its store in PostgreSQL: query the database directly.');
      }
      return database;
    };
    const rows = (sql: string) =>
      sqlite().prepare(sql).all() as unknown as Record<string, unknown>[];

    let stopped = false;
    const underTest: EngineUnderTest = {
      engine,
      url,
      port: Number(new URL(url).port),
      apiKey,
      encryptionKey,
      dataDirectory: directory,
      client: new Arcade({
        apiKey,
        baseURL: clientBaseUrl ?? url,
        maxRetries: 0,
        fetch: createRecordingFetch(recorder),
      }),
      credentialsSeen,
      dumpStore: () => ({
        flows: rows('SELECT * FROM auth_flows ORDER BY id'),
        connections: rows('SELECT * FROM connections ORDER BY user_id, provider_id'),
        workers: rows('SELECT * FROM runtime_workers ORDER BY id'),
        mcpTokens: rows('SELECT * FROM mcp_tokens ORDER BY id'),
        spentRequestStates: rows('SELECT * FROM mcp_spent_request_states ORDER BY id'),
      }),
      expireFlow(flowId) {
        sqlite()
          .prepare('UPDATE auth_flows SET expires_at = ? WHERE id = ?')
          .run(Date.now() - 1000, flowId);
      },
      setFlowNextUri(flowId, nextUri) {
        sqlite().prepare('UPDATE auth_flows SET next_uri = ? WHERE id = ?').run(nextUri, flowId);
      },
      async readCredential(key) {
        sqlite();
        const store = await SqliteStore.open({ dataDirectory: directory, encryptionKey });
        try {
          const credential = await store.getCredential(key);
          if (credential === undefined) {
            throw new Error(`No credential stored for ${key.userId} at ${key.providerId}.`);
          }
          return credential;
        } finally {
          await store.close();
        }
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        if (database !== undefined) {
          database.close();
          databases.splice(databases.indexOf(database), 1);
        }
        await engine.close();
      },
    };
    running.push(underTest);
    return underTest;
  }

  return {
    start,
    registerRedirectUri,
    async closeAll() {
      await Promise.all(running.splice(0).map((underTest) => underTest.stop()));
      for (const database of databases.splice(0)) database.close();
      await Promise.all(
        directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
      );
    },
  };
}

/** An error as a caller sees it: its name and message (the official client includes the body). */
export function recordError(recorder: Recorder, error: unknown): unknown {
  recorder.errorMessages.push(
    error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  );
  return error;
}

/** Resolves once `read()` is true, checking every 20 ms; fails with `description` after `timeoutMs`. */
export async function waitUntil(
  read: () => boolean | Promise<boolean>,
  { description, timeoutMs = 15_000 }: { description: string; timeoutMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await read())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${description}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type Inbox = {
  user: { id: string; email: string };
  messages: { id: string; subject: string }[];
};

/** The inbox an `Inbox.ListMessages` execution returned; fails the test on anything else. */
export function inboxOf(result: { output?: { value?: unknown } | null | undefined }): Inbox {
  const value = result.output?.value as Partial<Inbox> | undefined;
  if (value?.user === undefined || !Array.isArray(value.messages)) {
    throw new Error(`Expected an inbox in the execution's output, got ${JSON.stringify(result)}.`);
  }
  return value as Inbox;
}
