// The data and waits the Store contract's cases share. Every secret contains PLAINTEXT, so a
// search of the raw database for that word finds any that was stored unencrypted.
import type { CreateAuthFlowInput, RuntimeWorker, Store } from '../store.js';

/** A complete flow, every optional field set. */
export const flowInput: CreateAuthFlowInput = {
  userId: 'user-a@example.com',
  providerId: 'testkit',
  providerType: 'oauth2',
  scopes: ['inbox.read'],
  pkceVerifier: 'pkce-verifier-7f3a9c2e1b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c5e',
  redirectUri: 'http://127.0.0.1:9099/v1/oauth/callback',
  nextUri: 'http://app.example/done',
};

/** Secrets to store and then look for in the raw database. */
export const tokens = {
  accessToken: 'access-token-PLAINTEXT-5d1f0c',
  refreshToken: 'refresh-token-PLAINTEXT-9b2e7a',
  apiKey: 'api-key-PLAINTEXT-3c8d4f',
  secret: 'secret-value-PLAINTEXT-6e0a2b',
  workerSecret: 'worker-secret-PLAINTEXT-8a4c1e',
};

/** A runtime worker holding the `github` toolkit. */
export const runtimeWorker: RuntimeWorker = {
  id: 'github-tools',
  url: 'http://127.0.0.1:8002',
  secret: tokens.workerSecret,
  timeoutMs: 30_000,
  retry: { attempts: 3, backoffMs: 100 },
  healthCheckIntervalMs: 10_000,
  enabled: true,
  toolkits: ['github'],
};

/** Resolves after `milliseconds`, for work that must take a while. */
export function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Resolves when `store` reports the flow settled; rejects after `timeoutMs`. */
export function waitForSettled(store: Store, flowId: string, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`No settled notification for flow ${flowId} within ${timeoutMs} ms.`));
    }, timeoutMs);
    const stop = store.onFlowSettled(flowId, () => {
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}
