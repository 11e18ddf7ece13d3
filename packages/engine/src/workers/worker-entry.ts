import type { WorkerRegisteredTool } from '../tools/tool-registry.js';
import { createWorkerClient, type WorkerClient } from './create-worker-client.js';
import type { WorkerSettings } from './worker-settings.js';

// One worker as the pool keeps it: the mutable record the pool owns and hands to the health
// checks, and the read-only snapshot (`WorkerState`) callers see.

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

/** A worker in the pool, with what its health checks and tool reads keep between calls. */
export interface WorkerEntry {
  settings: WorkerSettings;
  /** Runtime workers: the store's revision this entry was built from. */
  revision: string | undefined;
  client: WorkerClient;
  health: WorkerHealth;
  problem: string | undefined;
  tools: WorkerRegisteredTool[];
  toolsLoaded: boolean;
  checkedAt: Date | undefined;
  /** Failed checks in a row: sets how soon the next one runs. */
  failures: number;
  timer: NodeJS.Timeout | undefined;
  /** The check under way, which concurrent callers share. */
  checking: Promise<void> | undefined;
  /** Taken out of the pool: a check or tool read still under way must not bring it back. */
  removed: boolean;
}

/** A worker not checked yet, with a client of its own. */
export function createWorkerEntry(settings: WorkerSettings, revision?: string): WorkerEntry {
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

/** The entry as callers see it, copied so later checks do not change it. */
export function toWorkerState(entry: WorkerEntry): WorkerState {
  return {
    settings: entry.settings,
    health: entry.health,
    problem: entry.problem,
    tools: entry.tools,
    checkedAt: entry.checkedAt,
  };
}
