import type { Toolkit } from '@toolgrant/worker';
import type { EngineLogger } from '../shared/engine-logger.js';
import type { Store, StoredRuntimeWorker } from '../store/store.js';
import type { RemoteToolSource, WorkerRegisteredTool } from '../tools/tool-registry.js';
import type { WorkerClient } from './create-worker-client.js';
import { parseWorkerTools } from './parse-worker-tools.js';
import {
  createRuntimeWorkerRegistration,
  type RuntimeWorkerRegistration,
} from './runtime-worker-registration.js';
import { createRuntimeWorkerReload, type RuntimeWorkerReload } from './runtime-worker-reload.js';
import { createToolkitOwnership } from './toolkit-ownership.js';
import {
  createWorkerEntry,
  toWorkerState,
  type WorkerEntry,
  type WorkerState,
} from './worker-entry.js';
import { createWorkerHealthChecks } from './worker-health-checks.js';
import { WorkerRegistrationError } from './worker-registration-error.js';
import type { WorkerSettings } from './worker-settings.js';
import type { WorkerTransportError } from './worker-transport-error.js';
import { createWorkerUrlAllowList } from './worker-url-allow-list.js';

export type { WorkerHealth, WorkerState } from './worker-entry.js';

// The remote workers the engine routes to: their tools (fetched from each worker, checked,
// served beside the in-process ones) and their health. A worker's tools stay listed while it
// is down; executions then answer a transport error kind, and the health check, which runs
// sooner while a worker is down, picks it up again (and re-reads its tools) once it answers.
//
// The pool owns the workers; what decides about them lives beside it and is handed what it
// needs: which toolkits a worker may serve (`toolkit-ownership.ts`), its health checks
// (`worker-health-checks.ts`), runtime registration (`runtime-worker-registration.ts`) and the
// reload of runtime workers from the store (`runtime-worker-reload.ts`).

/** The engine's remote workers: their tools, health and runtime registrations. */
export interface WorkerPool extends RemoteToolSource {
  /** Reads every enabled worker's tools once; a worker that does not answer is marked unhealthy. */
  start(): Promise<void>;
  /** Stops the health checks and reloads; calls in progress keep their connections. */
  close(): void;
  /** Closes the connections to every worker, once no call needs them (the engine has closed). */
  closeConnections(): Promise<void>;
  list(): WorkerState[];
  get(id: string): WorkerState | undefined;
  /** Whether POST/DELETE /v1/workers may change the workers (`runtimeWorkers.enabled`). */
  readonly runtimeRegistration: boolean;
  /**
   * Checks the URL against the allow-list (before contacting it), reads the worker's tools,
   * refuses a toolkit another source serves, keeps the worker in the store and serves it.
   * With `replaces`, that runtime worker gives way to this one. Throws `WorkerRegistrationError`.
   */
  register(options: {
    settings: WorkerSettings;
    replaces?: string | undefined;
  }): Promise<WorkerState>;
  /** Removes a runtime worker from the store and stops serving it. Throws `WorkerRegistrationError`. */
  unregister(id: string): Promise<void>;

  /** Checks the worker now (and re-reads its tools when it answers). */
  checkHealth(id: string): Promise<WorkerState | undefined>;
  clientOf(id: string): WorkerClient | undefined;
  /** An execution reached the worker: it is up. */
  reportReached(id: string): void;
  /** An execution could not reach the worker: mark it down and check it again soon. */
  reportUnreachable(id: string, error: WorkerTransportError): void;
}

/** How workers may be added at runtime: where they are kept and where they may listen. */
export type RuntimeWorkersOptions = {
  store: Pick<Store, 'listRuntimeWorkers' | 'saveRuntimeWorker' | 'deleteRuntimeWorker'>;
  /** Where runtime workers may listen (see `createWorkerUrlAllowList`); at least one. */
  allowedUrls: readonly string[];
  /** Default: 5 s. */
  reloadIntervalMs?: number | undefined;
};

/** The pool of configured and runtime workers, whose tools the engine serves. */
export function createWorkerPool({
  workers = [],
  toolkits = [],
  runtimeWorkers,
  logger,
}: {
  workers?: readonly WorkerSettings[];
  /** The in-process toolkits: a configured worker may not serve the same toolkit version. */
  toolkits?: readonly Toolkit[];
  /** POST/DELETE /v1/workers; undefined: off, they answer 403. */
  runtimeWorkers?: RuntimeWorkersOptions | undefined;
  logger: EngineLogger;
}): WorkerPool {
  const entries = new Map<string, WorkerEntry>();
  const ownership = createToolkitOwnership({ toolkits });
  let generation = 0;
  let served: WorkerRegisteredTool[] = [];
  let closed = false;

  const changed = () => {
    generation += 1;
    served = ownership.served([...entries.values()]);
  };

  /** Reads the worker's tools (or takes `listed`) and serves the ones it may serve. */
  async function loadTools(entry: WorkerEntry, listed?: unknown[]): Promise<void> {
    const values = listed ?? (await entry.client.listTools());
    const parsed = parseWorkerTools({ workerId: entry.settings.id, values });
    const admitted = ownership.admit({
      worker: entry,
      tools: parsed.tools,
      workers: [...entries.values()],
    });
    if (entry.removed) return;
    const problems = [...parsed.problems, ...admitted.problems];
    entry.tools = admitted.tools;
    entry.toolsLoaded = true;
    entry.problem = problems.length > 0 ? [...new Set(problems)].join(' ') : undefined;
    if (entry.problem !== undefined) {
      logger.warn(`Worker '${entry.settings.id}' serves tools the engine cannot use.`, {
        problem: entry.problem,
      });
    }
    changed();
  }

  const health = createWorkerHealthChecks({
    readTools: (entry) => loadTools(entry),
    isClosed: () => closed,
    logger,
  });

  /** Serves a stored runtime worker in place of any worker with its id. */
  function install(worker: StoredRuntimeWorker): WorkerEntry {
    uninstall(worker.id);
    const entry = createWorkerEntry(toSettings(worker), worker.revision);
    entries.set(worker.id, entry);
    return entry;
  }

  function uninstall(id: string): void {
    const entry = entries.get(id);
    if (entry === undefined) return;
    entry.removed = true;
    clearTimeout(entry.timer);
    void entry.client.close();
    entries.delete(id);
    changed();
  }

  let reload: RuntimeWorkerReload | undefined;
  let registration: RuntimeWorkerRegistration | undefined;
  if (runtimeWorkers !== undefined) {
    const allowList = createWorkerUrlAllowList({ allowedUrls: runtimeWorkers.allowedUrls });
    const runtimeReload = createRuntimeWorkerReload({
      store: runtimeWorkers.store,
      allowList,
      reloadIntervalMs: runtimeWorkers.reloadIntervalMs,
      logger,
      pool: {
        find: (id) => entries.get(id),
        runtimeIds: () =>
          [...entries.values()]
            .filter((entry) => !entry.settings.managed)
            .map((entry) => entry.settings.id),
        install(worker) {
          const entry = install(worker);
          return entry.settings.enabled ? health.check(entry) : undefined;
        },
        remove: uninstall,
      },
    });
    reload = runtimeReload;
    registration = createRuntimeWorkerRegistration({
      store: runtimeWorkers.store,
      allowList,
      logger,
      pool: {
        reload: () => runtimeReload.synchronize(),
        settingsOf: (id) => entries.get(id)?.settings,
        async readConfiguredWorkers() {
          const unread = [...entries.values()].filter(
            (entry) => entry.settings.managed && entry.settings.enabled && !entry.toolsLoaded,
          );
          await Promise.all(unread.map((entry) => health.check(entry)));
          return unread.find((entry) => !entry.toolsLoaded)?.settings.id;
        },
        ownerOf: (name, except) =>
          ownership.ownerOf({ name, except, workers: [...entries.values()] }),
        async serve({ worker, listed, replaces }) {
          if (replaces !== undefined) uninstall(replaces);
          const entry = install(worker);
          if (entry.settings.enabled) {
            health.markUp(entry);
            await loadTools(entry, listed);
            health.schedule(entry);
          } else {
            changed();
          }
          return toWorkerState(entry);
        },
        remove: uninstall,
      },
    });
  }

  // After the allow-list, as before: a bad `allowedUrls` throws before any client is made.
  for (const settings of workers) entries.set(settings.id, createWorkerEntry(settings));

  return {
    generation: () => generation,
    tools: () => served,
    runtimeRegistration: runtimeWorkers !== undefined,

    async start() {
      const runtimeChecks = (await reload?.synchronize()) ?? [];
      await Promise.all([
        ...[...entries.values()]
          .filter((entry) => entry.settings.enabled && entry.settings.managed)
          .map((entry) => health.check(entry)),
        ...runtimeChecks,
      ]);
      reload?.start();
    },

    close() {
      closed = true;
      reload?.close();
      for (const entry of entries.values()) clearTimeout(entry.timer);
    },

    async closeConnections() {
      await Promise.all([...entries.values()].map((entry) => entry.client.close()));
    },

    list: () => [...entries.values()].map(toWorkerState),

    get(id) {
      const entry = entries.get(id);
      return entry === undefined ? undefined : toWorkerState(entry);
    },

    async register(options) {
      if (registration === undefined) throw WorkerRegistrationError.runtimeRegistrationOff();
      return registration.register(options);
    },

    async unregister(id) {
      if (registration === undefined) throw WorkerRegistrationError.runtimeRegistrationOff();
      return registration.unregister(id);
    },

    async checkHealth(id) {
      const entry = entries.get(id);
      if (entry === undefined) return undefined;
      if (entry.settings.enabled) await health.check(entry);
      return toWorkerState(entry);
    },

    clientOf: (id) => entries.get(id)?.client,

    reportReached(id) {
      const entry = entries.get(id);
      if (entry === undefined || entry.health === 'healthy') return;
      // Answered an execution: up again. The health check re-reads its tools.
      void health.check(entry);
    },

    reportUnreachable(id, error) {
      const entry = entries.get(id);
      if (entry === undefined) return;
      health.markDown(entry, error);
      if (entry.checking === undefined) health.schedule(entry);
    },
  };
}

/** A runtime worker's settings, from the store. */
function toSettings(stored: StoredRuntimeWorker): WorkerSettings {
  return {
    id: stored.id,
    url: stored.url,
    secret: stored.secret,
    timeoutMs: stored.timeoutMs,
    retry: stored.retry,
    healthCheckIntervalMs: stored.healthCheckIntervalMs,
    enabled: stored.enabled,
    managed: false,
    admittedToolkits: stored.toolkits,
  };
}
