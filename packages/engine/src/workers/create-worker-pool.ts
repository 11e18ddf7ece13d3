import type { Toolkit } from '@toolgrant/worker';
import type { EngineLogger } from '../http/engine-logger.js';
import {
  type RemoteToolSource,
  toolkitKey,
  type WorkerRegisteredTool,
} from '../tools/tool-registry.js';
import { createWorkerClient, type WorkerClient } from './create-worker-client.js';
import { toWorkerTool } from './to-worker-tool.js';
import type { WorkerSettings } from './worker-settings.js';
import { WorkerTransportError } from './worker-transport-error.js';

// The remote workers the engine routes to: their tools (fetched from each worker, checked,
// served beside the in-process ones) and their health. A worker's tools stay listed while it
// is down; executions then answer a transport error kind, and the health check, which runs
// sooner while a worker is down, picks it up again (and re-reads its tools) once it answers.

export type WorkerHealth = 'unknown' | 'healthy' | 'unhealthy';

export interface WorkerState {
  readonly settings: WorkerSettings;
  readonly health: WorkerHealth;
  /** Why the worker is unhealthy, or what was wrong with its tools; never a secret. */
  readonly problem: string | undefined;
  readonly tools: readonly WorkerRegisteredTool[];
  readonly checkedAt: Date | undefined;
}

export interface WorkerPool extends RemoteToolSource {
  /** Reads every enabled worker's tools once; a worker that does not answer is marked unhealthy. */
  start(): Promise<void>;
  /** Stops the health checks. */
  close(): void;
  list(): WorkerState[];
  get(id: string): WorkerState | undefined;
  /** Adds a worker and reads its tools. False when the id is taken. */
  add(settings: WorkerSettings): Promise<boolean>;
  /** False when there was no such worker. */
  remove(id: string): boolean;
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

export function createWorkerPool({
  workers = [],
  toolkits = [],
  logger,
  fetch: fetchImplementation,
}: {
  workers?: readonly WorkerSettings[];
  /** The in-process toolkits: a worker may not serve the same toolkit version. */
  toolkits?: readonly Toolkit[];
  logger: EngineLogger;
  fetch?: typeof fetch;
}): WorkerPool {
  const entries = new Map<string, Entry>();
  const inProcess = new Set(toolkits.map((toolkit) => toolkitKey(toolkit)));
  let generation = 0;
  let served: WorkerRegisteredTool[] = [];
  let closed = false;

  const changed = () => {
    generation += 1;
    served = [...entries.values()]
      .filter((entry) => entry.settings.enabled)
      .flatMap((entry) => entry.tools);
  };

  function createEntry(settings: WorkerSettings): Entry {
    return {
      settings,
      client: createWorkerClient({
        settings,
        ...(fetchImplementation === undefined ? {} : { fetch: fetchImplementation }),
      }),
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

  async function loadTools(entry: Entry): Promise<void> {
    const values = await entry.client.listTools();
    const tools: WorkerRegisteredTool[] = [];
    const problems: string[] = [];
    const takenBy = new Map<string, string>();
    for (const other of entries.values()) {
      if (other === entry || !other.settings.enabled) continue;
      for (const tool of other.tools) takenBy.set(toolkitKey(tool.toolkit), other.settings.id);
    }
    for (const value of values) {
      let tool: WorkerRegisteredTool;
      try {
        tool = toWorkerTool({ workerId: entry.settings.id, value });
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
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

  return {
    generation: () => generation,
    tools: () => served,

    async start() {
      await Promise.all(
        [...entries.values()]
          .filter((entry) => entry.settings.enabled)
          .map((entry) => check(entry)),
      );
    },

    close() {
      closed = true;
      for (const entry of entries.values()) clearTimeout(entry.timer);
    },

    list: () => [...entries.values()].map(stateOf),

    get(id) {
      const entry = entries.get(id);
      return entry === undefined ? undefined : stateOf(entry);
    },

    async add(settings) {
      if (entries.has(settings.id)) return false;
      const entry = createEntry(settings);
      entries.set(settings.id, entry);
      if (settings.enabled) await check(entry);
      return true;
    },

    remove(id) {
      const entry = entries.get(id);
      if (entry === undefined) return false;
      entry.removed = true;
      clearTimeout(entry.timer);
      entries.delete(id);
      changed();
      return true;
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
