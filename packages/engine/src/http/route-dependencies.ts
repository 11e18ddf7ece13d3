import type { EngineLogger } from '../shared/engine-logger.js';
import type { CredentialResolver } from '../tools/credential-resolver.js';
import type { SecretResolver } from '../tools/secret-resolver.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { WorkerPool } from '../workers/create-worker-pool.js';

/** What the routes work with; built once by `createEngineApp`. */
export interface RouteDependencies {
  registry: ToolRegistry;
  credentials: CredentialResolver;
  secrets: SecretResolver;
  logger: EngineLogger;
  /** For tools that set no timeout of their own. */
  executionTimeoutMs: number | undefined;
  /** The remote workers whose tools the registry serves. */
  workers: WorkerPool;
}
