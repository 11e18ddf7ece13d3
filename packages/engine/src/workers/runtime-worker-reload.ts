import type { EngineLogger } from '../shared/engine-logger.js';
import type { Store, StoredRuntimeWorker } from '../store/store.js';
import type { WorkerSettings } from './worker-settings.js';
import type { WorkerUrlAllowList } from './worker-url-allow-list.js';

// Runtime workers are kept in the store, so they survive restarts and every engine process on
// one database serves them: each process brings its pool in line with the store at start, before
// a registration, and every `reloadIntervalMs`.

/** How often a process reloads the runtime workers when `reloadIntervalMs` is not given. */
export const defaultRuntimeWorkersReloadIntervalMs = 5_000;

/** What the reload needs of the pool. */
export interface ReloadedPool {
  /** The worker with this id, configured or runtime. */
  find(
    id: string,
  ): { readonly settings: WorkerSettings; readonly revision: string | undefined } | undefined;
  /** The ids of the runtime workers it serves. */
  runtimeIds(): string[];
  /** Serves `worker` in place of any with its id; its first check when it is enabled. */
  install(worker: StoredRuntimeWorker): Promise<void> | undefined;
  remove(id: string): void;
}

/** Keeps `pool` in line with the runtime workers in the store. */
export interface RuntimeWorkerReload {
  /** Brings the runtime workers in line with the store; returns the checks it started. */
  synchronize(): Promise<Promise<void>[]>;
  /** Reloads every `reloadIntervalMs` from now on. */
  start(): void;
  /** Stops reloading. */
  close(): void;
}

/** Reloads the runtime workers from `store` into `pool`; it serves none off `allowList`. */
export function createRuntimeWorkerReload({
  store,
  allowList,
  reloadIntervalMs = defaultRuntimeWorkersReloadIntervalMs,
  pool,
  logger,
}: {
  store: Pick<Store, 'listRuntimeWorkers'>;
  allowList: WorkerUrlAllowList;
  reloadIntervalMs?: number | undefined;
  pool: ReloadedPool;
  logger: EngineLogger;
}): RuntimeWorkerReload {
  /** Runtime workers in the store this process does not serve, logged once each. */
  const skipped = new Set<string>();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  async function synchronize(): Promise<Promise<void>[]> {
    const stored = await store.listRuntimeWorkers();
    const checks: Promise<void>[] = [];
    const ids = new Set<string>();
    for (const worker of stored) {
      ids.add(worker.id);
      const current = pool.find(worker.id);
      if (current?.settings.managed || !allowList.check(worker.url).allowed) {
        if (!skipped.has(worker.id)) {
          skipped.add(worker.id);
          logger.warn(
            current?.settings.managed
              ? `Runtime worker '${worker.id}' in the store has the id of a configured worker and is not served; DELETE /v1/workers/${worker.id} has no effect on it, so remove the configured one or delete the stored one.`
              : `Runtime worker '${worker.id}' in the store is not served: its URL is not in runtimeWorkers.allowedUrls any more. Add its origin back, or DELETE /v1/workers/${worker.id}.`,
          );
        }
        continue;
      }
      if (current?.revision === worker.revision) continue;
      const check = pool.install(worker);
      if (check !== undefined) checks.push(check);
    }
    for (const id of pool.runtimeIds()) if (!ids.has(id)) pool.remove(id);
    for (const id of skipped) if (!ids.has(id)) skipped.delete(id);
    return checks;
  }

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(() => {
      synchronize()
        .catch((error: unknown) => {
          if (closed) return;
          logger.warn('Could not reload the runtime workers from the store; trying again later.', {
            problem: error instanceof Error ? error.message : String(error),
          });
        })
        .finally(schedule);
    }, reloadIntervalMs);
    timer.unref();
  }

  return {
    synchronize,
    start: schedule,
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
