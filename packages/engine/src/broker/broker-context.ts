import type { ProviderConfig } from '../oauth/provider-config.js';
import type { EngineLogger } from '../shared/engine-logger.js';
import type { Store } from '../store/store.js';
import type { FailureReports } from './create-failure-reports.js';

/** What the broker's parts share, checked once by `createBroker`. */
export interface BrokerContext {
  store: Store;
  providers: ReadonlyMap<string, ProviderConfig>;
  logger: EngineLogger;
  /** Decides token expiry; flow expiry is the store's. */
  clock: () => Date;
  /** The engine's public URL without a trailing slash. */
  publicUrl: string;
  redirectUri: string;
  /** Undefined in dev mode: the callback completes the flow at once. */
  verifierUrl: string | undefined;
  refreshTimeouts: RefreshTimeouts;
  /** Origins `next_uri` may point to; undefined allows any http(s) URL. */
  allowedRedirectOrigins: readonly string[] | undefined;
  /** Failed flows already answered `failed` by this process (see create-failure-reports.ts). */
  failureReports: FailureReports;
}

/** How long a refresh may take: how long a caller waits for it, and how long it may run at all. */
export type RefreshTimeouts = {
  /** How long a caller waits for a refresh before a 504. */
  answerMs: number;
  /** How long the engine keeps waiting for the provider's answer, to save it. */
  giveUpMs: number;
};
