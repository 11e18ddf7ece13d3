import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Arcade from '@arcadeai/arcadejs';
import type { AuthorizationResponse } from '@arcadeai/arcadejs/resources/shared';
import { type CompletedAuthorization, waitForAuthorization } from '@toolgrant/core';
import { createEngine, type Engine, type EngineConfig, type EngineLogger } from '@toolgrant/engine';
import type { ConsentResult } from '@toolgrant/testkit';
import { githubToolkit } from '../src/github-toolkit.js';
import { type GitHubTestStack, startGitHubTestStack } from './start-github-test-stack.js';

// What the in-process, worker and `pnpm try` tests start from: the GitHub test stack, a
// temporary directory, and an engine in this process with the `github` preset at the stack's
// provider, listening on loopback, with the official client pointed at it.

export interface GitHubEngine {
  stack: GitHubTestStack;
  engine: Engine;
  engineUrl: string;
  apiKey: string;
  client: Arcade;
  /** The test's temporary directory; the engine keeps its data in `engine/` under it. */
  directory: string;
  /** A person's consent, as `pnpm try` asks for it: authorize, sign in and approve, wait. */
  authorizeUser(user: { userId: string; username: string; password: string }): Promise<{
    authorization: AuthorizationResponse;
    consent: ConsentResult;
    finished: CompletedAuthorization;
  }>;
  close(): Promise<void>;
}

type Served = Pick<EngineConfig, 'toolkits' | 'workers'>;

const silent: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

export async function startGitHubEngine({
  name,
  serve = ({ stack }) => ({ toolkits: [githubToolkit({ apiBaseUrl: stack.github.url })] }),
  logger = silent,
}: {
  /** Names the temporary directory. */
  name: string;
  /** What the engine serves; by default the toolkit in its own process, calling the recording. */
  serve?: (started: { stack: GitHubTestStack; directory: string }) => Served | Promise<Served>;
  logger?: EngineLogger;
}): Promise<GitHubEngine> {
  const stack = await startGitHubTestStack();
  const directory = await mkdtemp(path.join(tmpdir(), `toolgrant-custom-tools-${name}-`));
  let engine: Engine | undefined;
  const close = async () => {
    await engine?.close();
    await stack.close();
    await rm(directory, { recursive: true, force: true });
  };
  try {
    const apiKey = `tg_test_${randomBytes(12).toString('hex')}`;
    engine = await createEngine({
      ...(await serve({ stack, directory })),
      providers: [stack.githubProvider],
      dataDirectory: path.join(directory, 'engine'),
      encryptionKey: randomBytes(32).toString('base64'),
      apiKeys: [apiKey],
      devMode: true,
      environment: {},
      logger,
    });
    const { url: engineUrl } = await engine.listen({ port: 0 });
    stack.registerRedirectUri(engine.redirectUri);
    const client = new Arcade({ apiKey, baseURL: engineUrl, maxRetries: 0 });
    return {
      stack,
      engine,
      engineUrl,
      apiKey,
      client,
      directory,
      async authorizeUser({ userId, username, password }) {
        const authorization = await client.tools.authorize({
          tool_name: 'GitHub.ListRepositories',
          user_id: userId,
        });
        const consent = await stack.provider.completeConsent({
          authorizationUrl: authorization.url ?? '',
          username,
          password,
        });
        const finished = await waitForAuthorization({
          client,
          authorization: { id: authorization.id ?? '' },
        });
        return { authorization, consent, finished };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
