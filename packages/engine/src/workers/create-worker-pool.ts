import type { Toolkit } from '@toolgrant/worker';
import type { EngineLogger } from '../shared/engine-logger.js';
import type { Store, StoredRuntimeWorker } from '../store/store.js';
import {
  type RemoteToolSource,
  toolkitKey,
  type WorkerRegisteredTool,
} from '../tools/tool-registry.js';
import { createWorkerClient, type WorkerClient } from './create-worker-client.js';
import { toWorkerTool } from './to-worker-tool.js';
import { WorkerRegistrationError } from './worker-registration-error.js';
import type { WorkerSettings } from './worker-settings.js';
import { WorkerTransportError } from './worker-transport-error.js';
import { createWorkerUrlAllowList } from './worker-url-allow-list.js';

// The remote workers the engine routes to: their tools (fetched from each worker, checked,
// served beside the in-process ones) and their health. A worker's tools stay listed while it
// is down; executions then answer a transport error kind, and the health check, which runs
// sooner while a worker is down, picks it up again (and re-reads its tools) once it answers.
//
// Trust: the in-process toolkits and the configured workers are the operator's; a worker added
// at runtime may only serve toolkits (by name, any version) that no other source serves, the
// ones it was admitted with. It replaces another runtime worker only when asked to explicitly.
// Runtime workers are kept in the store, so they survive restarts and every engine process on
// one database serves them (each reloads the list every `reloadIntervalMs`).

/** What the engine last saw of a worker's health. */
export type WorkerHealth = 'unknown' | 'healthy' | 'unhealthy';

/** A worker as the pool knows it: its settings, health and tools. */
export interface WorkerState {
  readonly settings: WorkerSettings;
  readonly health: WorkerHealth;
  /** Why the worker is unhealthy, or what was wrong with its tools; never a secret. */
  readonly problem: string | undefined;
  readonly tools: readonly WorkerRegisteredTool[];
  readonly checkedAt: Date | undefined;
}

/** The engine's remote workers: their tools, health and runtime registrations. */
export interface WorkerPool extends RemoteToolSource {
  /** Reads every enabled worker's tools once; a worker that does not answer is marked unhealthy. */
  start(): Promise<void>;
  /** Stops the health checks. */
  close(): void;
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

/** The first re-check of a worker that went down; doubled up to its interval. */
const firstRecheckMs = 100;

interface Entry {
  settings: WorkerSettings;
  /** Runtime workers: the store's revision this entry was built from. */
  revision: string | undefined;
  client: WorkerClient;
  health: WorkerHealth;
  problem: string | undefined;
  tools: WorkerRegisteredTool[];
  toolsLoaded: boolean;
  checkedAt: Date | undefined;
  failures: number;
  timer: NodeJS.Timeout | undefined;
  checking: Promise<void> | undefined;
  removed: boolean;
}

export const defaultRuntimeWorkersReloadIntervalMs = 5_000;

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
  const entries = new Map<string, Entry>();
  const inProcess = new Set(toolkits.map((toolkit) => toolkitKey(toolkit)));
  const inProcessNames = new Set(toolkits.map((toolkit) => toolkit.name.toLowerCase()));
  const allowList =
    runtimeWorkers === undefined
      ? undefined
      : createWorkerUrlAllowList({ allowedUrls: runtimeWorkers.allowedUrls });
  let generation = 0;
  let served: WorkerRegisteredTool[] = [];
  let closed = false;
  let reloadTimer: NodeJS.Timeout | undefined;
  /** Runtime workers in the store this process does not serve, logged once each. */
  const skipped = new Set<string>();

  /** Toolkit names the operator's sources serve: in process, or by a configured worker. */
  function configuredNames(): Map<string, string> {
    const names = new Map<string, string>();
    for (const name of inProcessNames) names.set(name, inProcessSource);
    for (const entry of entries.values()) {
      if (!entry.settings.managed || !entry.settings.enabled) continue;
      for (const tool of entry.tools) {
        const name = tool.toolkit.name.toLowerCase();
        if (!names.has(name)) names.set(name, configuredSource(entry.settings.id));
      }
    }
    return names;
  }

  const changed = () => {
    generation += 1;
    const taken = configuredNames();
    // A configured source wins over a runtime worker, whichever was read first.
    served = [...entries.values()]
      .filter((entry) => entry.settings.enabled)
      .flatMap((entry) =>
        entry.settings.managed
          ? entry.tools
          : entry.tools.filter((tool) => !taken.has(tool.toolkit.name.toLowerCase())),
      );
  };

  function createEntry(settings: WorkerSettings, revision?: string): Entry {
    return {
      settings,
      revision,
      client: createWorkerClient({ settings }),
      health: 'unknown',
      problem: undefined,
      tools: [],
      toolsLoaded: false,
      checkedAt: undefined,
      failures: 0,
      timer: undefined,
      checking: undefined,
      removed: false,
    };
  }

  for (const settings of workers) entries.set(settings.id, createEntry(settings));

  function schedule(entry: Entry): void {
    clearTimeout(entry.timer);
    if (closed || entry.removed || !entry.settings.enabled) return;
    const interval = entry.settings.healthCheckIntervalMs;
    const delay =
      entry.health === 'unhealthy'
        ? Math.min(interval, firstRecheckMs * 2 ** Math.min(entry.failures - 1, 16))
        : interval;
    entry.timer = setTimeout(() => void check(entry), delay);
    // Health checks never keep the process alive on their own.
    entry.timer.unref();
  }

  function markDown(entry: Entry, error: unknown): void {
    const wasHealthy = entry.health !== 'unhealthy';
    entry.health = 'unhealthy';
    entry.failures += 1;
    entry.problem = error instanceof Error ? error.message : String(error);
    entry.checkedAt = new Date();
    if (wasHealthy) {
      logger.warn(
        `Worker '${entry.settings.id}' is unhealthy; its tools answer a transport error until it is back.`,
        {
          problem: entry.problem,
        },
      );
    }
  }

  function markUp(entry: Entry): void {
    if (entry.health === 'unhealthy') {
      logger.info(`Worker '${entry.settings.id}' is healthy again.`);
    }
    entry.health = 'healthy';
    entry.failures = 0;
    entry.checkedAt = new Date();
  }

  async function loadTools(entry: Entry, listed?: unknown[]): Promise<void> {
    const values = listed ?? (await entry.client.listTools());
    const { tools: parsed, problems } = parseTools(entry.settings.id, values);
    const tools: WorkerRegisteredTool[] = [];
    const takenBy = new Map<string, string>();
    for (const other of entries.values()) {
      if (other === entry || !other.settings.enabled || !other.settings.managed) continue;
      for (const tool of other.tools) takenBy.set(toolkitKey(tool.toolkit), other.settings.id);
    }
    const admitted = entry.settings.admittedToolkits;
    const taken = admitted === undefined ? undefined : configuredNames();
    for (const tool of parsed) {
      if (admitted !== undefined) {
        const name = tool.toolkit.name.toLowerCase();
        const owner = taken?.get(name);
        if (owner !== undefined) {
          problems.push(
            `Toolkit '${tool.toolkit.name}' is served by ${owner}, which comes first; this worker's version is left out.`,
          );
        } else if (!admitted.includes(name)) {
          problems.push(
            `Toolkit '${tool.toolkit.name}' was not served when worker '${entry.settings.id}' was registered; register it again with "replaces": "${entry.settings.id}" to serve it.`,
          );
        } else {
          tools.push(tool);
        }
        continue;
      }
      const key = toolkitKey(tool.toolkit);
      const owner = inProcess.has(key) ? 'the engine itself' : takenBy.get(key);
      if (owner !== undefined) {
        problems.push(
          `Toolkit '${tool.toolkit.name}' version ${tool.toolkit.version} is already served by ${owner === 'the engine itself' ? owner : `worker '${owner}'`}; serve each toolkit version from one place (give this one another version).`,
        );
        continue;
      }
      tools.push(tool);
    }
    if (entry.removed) return;
    entry.tools = tools;
    entry.toolsLoaded = true;
    entry.problem = problems.length > 0 ? [...new Set(problems)].join(' ') : undefined;
    if (entry.problem !== undefined) {
      logger.warn(`Worker '${entry.settings.id}' serves tools the engine cannot use.`, {
        problem: entry.problem,
      });
    }
    changed();
  }

  /** One health check (and a tool read when needed); concurrent callers share it. */
  function check(entry: Entry): Promise<void> {
    entry.checking ??= (async () => {
      try {
        const wasDown = entry.health !== 'healthy';
        const { toolCount } = await entry.client.health();
        markUp(entry);
        const countChanged =
          toolCount !== undefined &&
          toolCount !== entry.tools.length &&
          entry.problem === undefined;
        if (!entry.toolsLoaded || wasDown || countChanged) await loadTools(entry);
      } catch (error) {
        if (!WorkerTransportError.isInstance(error)) throw error;
        markDown(entry, error);
      } finally {
        entry.checking = undefined;
        schedule(entry);
      }
    })();
    return entry.checking;
  }

  const stateOf = (entry: Entry): WorkerState => ({
    settings: entry.settings,
    health: entry.health,
    problem: entry.problem,
    tools: entry.tools,
    checkedAt: entry.checkedAt,
  });

  function install(settings: WorkerSettings, revision: string | undefined): Entry {
    uninstall(settings.id);
    const entry = createEntry(settings, revision);
    entries.set(settings.id, entry);
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

  /** Brings the runtime workers in line with the store; returns the checks it started. */
  async function synchronize(): Promise<Promise<void>[]> {
    if (runtimeWorkers === undefined || allowList === undefined) return [];
    const stored = await runtimeWorkers.store.listRuntimeWorkers();
    const checks: Promise<void>[] = [];
    const ids = new Set<string>();
    for (const worker of stored) {
      ids.add(worker.id);
      const current = entries.get(worker.id);
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
      const entry = install(toSettings(worker), worker.revision);
      if (entry.settings.enabled) checks.push(check(entry));
    }
    for (const entry of [...entries.values()]) {
      if (!entry.settings.managed && !ids.has(entry.settings.id)) uninstall(entry.settings.id);
    }
    for (const id of skipped) if (!ids.has(id)) skipped.delete(id);
    return checks;
  }

  function scheduleReload(): void {
    if (runtimeWorkers === undefined || closed) return;
    reloadTimer = setTimeout(() => {
      synchronize()
        .catch((error: unknown) => {
          if (closed) return;
          logger.warn('Could not reload the runtime workers from the store; trying again later.', {
            problem: error instanceof Error ? error.message : String(error),
          });
        })
        .finally(scheduleReload);
    }, runtimeWorkers.reloadIntervalMs ?? defaultRuntimeWorkersReloadIntervalMs);
    reloadTimer.unref();
  }

  /** Who serves `name` besides the runtime worker `except`; `runtimeId` when it may be replaced. */
  function ownerOf(
    name: string,
    except: string | undefined,
  ): { source: string; runtimeId: string | undefined } | undefined {
    const configured = configuredNames().get(name);
    if (configured !== undefined) return { source: configured, runtimeId: undefined };
    for (const entry of entries.values()) {
      if (entry.settings.managed || entry.settings.id === except) continue;
      if (entry.settings.admittedToolkits?.includes(name)) {
        return { source: runtimeSource(entry.settings.id), runtimeId: entry.settings.id };
      }
    }
    return undefined;
  }

  function takeover(toolkit: string, owner: string, replaceable: string | undefined) {
    return new WorkerRegistrationError({
      reason: 'toolkit_taken',
      message: `Toolkit '${toolkit}' is already served by ${owner}; a worker may not take over a toolkit another source serves, in any version. ${
        replaceable === undefined
          ? "That source is part of the engine's configuration: to serve the toolkit from elsewhere, change the engine's toolkits or workers option and restart it."
          : `To replace worker '${replaceable}' with this one, send the request again with "replaces": "${replaceable}".`
      }`,
    });
  }

  return {
    generation: () => generation,
    tools: () => served,
    runtimeRegistration: runtimeWorkers !== undefined,

    async start() {
      const runtimeChecks = await synchronize();
      await Promise.all([
        ...[...entries.values()]
          .filter((entry) => entry.settings.enabled && entry.settings.managed)
          .map((entry) => check(entry)),
        ...runtimeChecks,
      ]);
      scheduleReload();
    },

    close() {
      closed = true;
      clearTimeout(reloadTimer);
      for (const entry of entries.values()) {
        clearTimeout(entry.timer);
        void entry.client.close();
      }
    },

    list: () => [...entries.values()].map(stateOf),

    get(id) {
      const entry = entries.get(id);
      return entry === undefined ? undefined : stateOf(entry);
    },

    async register({ settings: requested, replaces }) {
      if (runtimeWorkers === undefined || allowList === undefined)
        throw WorkerRegistrationError.runtimeRegistrationOff();
      // Before anything is contacted: a URL outside the allow-list is never fetched.
      const allowed = allowList.check(requested.url);
      if (!allowed.allowed) {
        throw new WorkerRegistrationError({
          reason: 'worker_url_not_allowed',
          message: `${allowed.problem} Nothing was registered.`,
        });
      }
      await synchronize();
      const replaced = replaces === undefined ? undefined : entries.get(replaces);
      if (replaced?.settings.managed) {
        throw new WorkerRegistrationError({
          reason: 'worker_managed',
          message: `Worker '${replaces}' is configured in the engine's options (workers) and cannot be replaced through the API; change it there and restart the engine.`,
        });
      }
      if (replaces !== undefined && replaced === undefined) {
        throw new WorkerRegistrationError({
          reason: 'worker_not_found',
          message: `"replaces" names no worker added at runtime: there is no worker '${replaces}'. GET /v1/workers lists the workers; leave "replaces" out to add a worker beside them.`,
        });
      }
      if (requested.id !== replaces && entries.has(requested.id)) {
        throw new WorkerRegistrationError({
          reason: 'worker_exists',
          message: `A worker with id '${requested.id}' already exists. Choose another id, or replace it with "replaces": "${requested.id}" (or DELETE /v1/workers/${requested.id} first).`,
        });
      }
      // A configured worker not read yet may serve any toolkit: no takeover check without it.
      const unread = [...entries.values()].filter(
        (entry) => entry.settings.managed && entry.settings.enabled && !entry.toolsLoaded,
      );
      await Promise.all(unread.map((entry) => check(entry)));
      const stillUnread = unread.find((entry) => !entry.toolsLoaded);
      if (stillUnread !== undefined) {
        throw new WorkerRegistrationError({
          reason: 'configured_worker_unread',
          message: `Configured worker '${stillUnread.settings.id}' has not answered since the engine started, so the engine cannot tell whether this worker would take over one of its toolkits. Nothing was registered; start that worker (GET /v1/workers/${stillUnread.settings.id}/health shows its state) and try again.`,
        });
      }

      const settings: WorkerSettings = { ...requested, url: allowed.url, managed: false };
      const client = createWorkerClient({ settings });
      let listed: unknown[];
      try {
        listed = await client.listTools();
      } catch (error) {
        if (!WorkerTransportError.isInstance(error)) throw error;
        throw new WorkerRegistrationError({
          reason: 'worker_unreadable',
          message: `The engine could not read the worker's tools, so nothing was registered: ${error.message}`,
        });
      } finally {
        // Only for this read: the installed worker gets a client of its own.
        void client.close();
      }
      const names = new Map<string, string>();
      for (const tool of parseTools(settings.id, listed).tools) {
        names.set(tool.toolkit.name.toLowerCase(), tool.toolkit.name);
      }
      for (const [name, written] of names) {
        const owner = ownerOf(name, replaces);
        if (owner !== undefined) throw takeover(written, owner.source, owner.runtimeId);
      }
      const saved = await runtimeWorkers.store.saveRuntimeWorker({
        worker: {
          id: settings.id,
          url: settings.url,
          secret: settings.secret,
          timeoutMs: settings.timeoutMs,
          retry: settings.retry,
          healthCheckIntervalMs: settings.healthCheckIntervalMs,
          enabled: settings.enabled,
          toolkits: [...names.keys()],
        },
        replaces,
      });
      // Another engine process got there first since the reload above.
      if (saved.outcome === 'toolkit_taken') {
        throw takeover(
          names.get(saved.toolkit) ?? saved.toolkit,
          runtimeSource(saved.workerId),
          saved.workerId,
        );
      }
      if (saved.outcome === 'id_taken') {
        throw new WorkerRegistrationError({
          reason: 'worker_exists',
          message: `A worker with id '${settings.id}' already exists. Choose another id, or replace it with "replaces": "${settings.id}".`,
        });
      }
      if (saved.outcome === 'replaced_not_found') {
        throw new WorkerRegistrationError({
          reason: 'worker_not_found',
          message: `"replaces" names no worker added at runtime: worker '${replaces}' was removed meanwhile. GET /v1/workers lists the workers.`,
        });
      }
      if (replaces !== undefined) uninstall(replaces);
      const entry = install(toSettings(saved.worker), saved.worker.revision);
      if (entry.settings.enabled) {
        markUp(entry);
        await loadTools(entry, listed);
        schedule(entry);
      } else {
        changed();
      }
      logger.info(
        replaces === undefined
          ? `Worker '${settings.id}' was added at runtime.`
          : `Worker '${settings.id}' replaced worker '${replaces}' at runtime.`,
        { url: settings.url, toolkits: [...names.values()] },
      );
      return stateOf(entry);
    },

    async unregister(id) {
      if (runtimeWorkers === undefined) throw WorkerRegistrationError.runtimeRegistrationOff();
      if (entries.get(id)?.settings.managed) {
        throw new WorkerRegistrationError({
          reason: 'worker_managed',
          message: `Worker '${id}' is configured in the engine's options (workers); remove it there and restart the engine.`,
        });
      }
      const deleted = await runtimeWorkers.store.deleteRuntimeWorker(id);
      if (!deleted && !entries.has(id)) {
        throw new WorkerRegistrationError({
          reason: 'worker_not_found',
          message: `There is no worker '${id}'. GET /v1/workers lists the workers.`,
        });
      }
      uninstall(id);
      logger.info(`Worker '${id}' was removed at runtime.`);
    },

    async checkHealth(id) {
      const entry = entries.get(id);
      if (entry === undefined) return undefined;
      if (entry.settings.enabled) await check(entry);
      return stateOf(entry);
    },

    clientOf: (id) => entries.get(id)?.client,

    reportReached(id) {
      const entry = entries.get(id);
      if (entry === undefined || entry.health === 'healthy') return;
      // Answered an execution: up again. The health check re-reads its tools.
      void check(entry);
    },

    reportUnreachable(id, error) {
      const entry = entries.get(id);
      if (entry === undefined) return;
      markDown(entry, error);
      if (entry.checking === undefined) schedule(entry);
    },
  };
}

const inProcessSource = "the engine's own toolkits (the toolkits option)";
const configuredSource = (id: string) =>
  `worker '${id}' (configured in the engine's workers option)`;
const runtimeSource = (id: string) => `worker '${id}' (added at runtime)`;

/** The definitions a worker lists that the engine can use, and what is wrong with the others. */
function parseTools(
  workerId: string,
  values: readonly unknown[],
): { tools: WorkerRegisteredTool[]; problems: string[] } {
  const tools: WorkerRegisteredTool[] = [];
  const problems: string[] = [];
  for (const value of values) {
    try {
      tools.push(toWorkerTool({ workerId, value }));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { tools, problems };
}
