import type { EngineLogger } from '../shared/engine-logger.js';
import type { Store, StoredRuntimeWorker } from '../store/store.js';
import { createWorkerClient } from './create-worker-client.js';
import { parseWorkerTools } from './parse-worker-tools.js';
import { runtimeSource, type ToolkitOwner } from './toolkit-ownership.js';
import type { WorkerState } from './worker-entry.js';
import { WorkerRegistrationError } from './worker-registration-error.js';
import type { WorkerSettings } from './worker-settings.js';
import { WorkerTransportError } from './worker-transport-error.js';
import type { WorkerUrlAllowList } from './worker-url-allow-list.js';

// Adding, replacing and removing workers through the API (POST/DELETE /v1/workers): what a
// runtime worker must pass before it is kept in the store and served. Each refusal is a
// `WorkerRegistrationError` that says what was wrong and what to do. A runtime worker replaces
// another only when asked to explicitly, and never a configured one.

/** What registration needs of the pool. */
export interface RegistrationPool {
  /** Brings the runtime workers in line with the store. */
  reload(): Promise<unknown>;
  /** The settings of the worker with this id, configured or runtime. */
  settingsOf(id: string): WorkerSettings | undefined;
  /** Reads the enabled configured workers not read yet; the id of one that still did not answer. */
  readConfiguredWorkers(): Promise<string | undefined>;
  /** Who serves the toolkit `name` (lower case) besides the runtime worker `except`. */
  ownerOf(name: string, except: string | undefined): ToolkitOwner | undefined;
  /** Serves a worker just saved, with the tools listed when it was read, in place of `replaces`. */
  serve(options: {
    worker: StoredRuntimeWorker;
    listed: unknown[];
    replaces: string | undefined;
  }): Promise<WorkerState>;
  /** Stops serving the worker. */
  remove(id: string): void;
}

/** Registers and removes runtime workers. Both throw `WorkerRegistrationError`. */
export interface RuntimeWorkerRegistration {
  register(options: {
    settings: WorkerSettings;
    replaces?: string | undefined;
  }): Promise<WorkerState>;
  unregister(id: string): Promise<void>;
}

/** Registration of runtime workers kept in `store`, at URLs on `allowList`, served by `pool`. */
export function createRuntimeWorkerRegistration({
  store,
  allowList,
  pool,
  logger,
}: {
  store: Pick<Store, 'saveRuntimeWorker' | 'deleteRuntimeWorker'>;
  allowList: WorkerUrlAllowList;
  pool: RegistrationPool;
  logger: EngineLogger;
}): RuntimeWorkerRegistration {
  return {
    async register({ settings: requested, replaces }) {
      // Before anything is contacted: a URL outside the allow-list is never fetched.
      const allowed = allowList.check(requested.url);
      if (!allowed.allowed) {
        throw new WorkerRegistrationError({
          reason: 'worker_url_not_allowed',
          message: `${allowed.problem} Nothing was registered.`,
        });
      }
      await pool.reload();
      const replaced = replaces === undefined ? undefined : pool.settingsOf(replaces);
      if (replaced?.managed) {
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
      if (requested.id !== replaces && pool.settingsOf(requested.id) !== undefined) {
        throw new WorkerRegistrationError({
          reason: 'worker_exists',
          message: `A worker with id '${requested.id}' already exists. Choose another id, or replace it with "replaces": "${requested.id}" (or DELETE /v1/workers/${requested.id} first).`,
        });
      }
      // A configured worker not read yet may serve any toolkit: no takeover check without it.
      const unread = await pool.readConfiguredWorkers();
      if (unread !== undefined) {
        throw new WorkerRegistrationError({
          reason: 'configured_worker_unread',
          message: `Configured worker '${unread}' has not answered since the engine started, so the engine cannot tell whether this worker would take over one of its toolkits. Nothing was registered; start that worker (GET /v1/workers/${unread}/health shows its state) and try again.`,
        });
      }

      const settings: WorkerSettings = { ...requested, url: allowed.url, managed: false };
      const listed = await listWorkerTools(settings);
      /** The toolkits it serves: lower case, as written. */
      const names = new Map<string, string>();
      for (const tool of parseWorkerTools({ workerId: settings.id, values: listed }).tools) {
        names.set(tool.toolkit.name.toLowerCase(), tool.toolkit.name);
      }
      for (const [name, written] of names) {
        const owner = pool.ownerOf(name, replaces);
        if (owner !== undefined) throw takeover(written, owner.source, owner.runtimeId);
      }
      const saved = await store.saveRuntimeWorker({
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
      const state = await pool.serve({ worker: saved.worker, listed, replaces });
      logger.info(
        replaces === undefined
          ? `Worker '${settings.id}' was added at runtime.`
          : `Worker '${settings.id}' replaced worker '${replaces}' at runtime.`,
        { url: settings.url, toolkits: [...names.values()] },
      );
      return state;
    },

    async unregister(id) {
      if (pool.settingsOf(id)?.managed) {
        throw new WorkerRegistrationError({
          reason: 'worker_managed',
          message: `Worker '${id}' is configured in the engine's options (workers); remove it there and restart the engine.`,
        });
      }
      const deleted = await store.deleteRuntimeWorker(id);
      if (!deleted && pool.settingsOf(id) === undefined) {
        throw new WorkerRegistrationError({
          reason: 'worker_not_found',
          message: `There is no worker '${id}'. GET /v1/workers lists the workers.`,
        });
      }
      pool.remove(id);
      logger.info(`Worker '${id}' was removed at runtime.`);
    },
  };
}

/** What the worker lists, read with a client of its own; nothing is registered if it fails. */
async function listWorkerTools(settings: WorkerSettings): Promise<unknown[]> {
  const client = createWorkerClient({ settings });
  try {
    return await client.listTools();
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
