import type { Toolkit } from '@toolgrant/worker';
import { toolkitKey, type WorkerRegisteredTool } from '../tools/tool-registry.js';
import type { WorkerSettings } from './worker-settings.js';

// Which source a toolkit belongs to, and so which of a worker's tools the engine serves.
//
// Trust: the in-process toolkits and the configured workers are the operator's; a worker added
// at runtime may only serve toolkits (by name, any version) that no other source serves, the
// ones it was admitted with. Among the operator's sources, each toolkit version has one place.

/** What the rules read of a worker: its settings and the tools last read from it. */
export interface ToolkitServer {
  readonly settings: WorkerSettings;
  readonly tools: readonly WorkerRegisteredTool[];
}

/** Who serves a toolkit, in words for messages; `runtimeId` when that worker may be replaced. */
export interface ToolkitOwner {
  readonly source: string;
  readonly runtimeId: string | undefined;
}

/** The ownership rules over the engine's own toolkits and the workers passed to each call. */
export interface ToolkitOwnership {
  /** The enabled workers' tools, less a runtime worker's toolkits that the operator serves. */
  served(workers: readonly ToolkitServer[]): WorkerRegisteredTool[];
  /** Which of `worker`'s tools it may serve beside the other `workers`, and why not the others. */
  admit(options: {
    worker: ToolkitServer;
    tools: readonly WorkerRegisteredTool[];
    workers: readonly ToolkitServer[];
  }): { tools: WorkerRegisteredTool[]; problems: string[] };
  /** Who serves the toolkit `name` (lower case) besides the runtime worker `except`. */
  ownerOf(options: {
    name: string;
    except: string | undefined;
    workers: readonly ToolkitServer[];
  }): ToolkitOwner | undefined;
}

const inProcessSource = "the engine's own toolkits (the toolkits option)";
const configuredSource = (id: string) =>
  `worker '${id}' (configured in the engine's workers option)`;
/** A runtime worker as messages name it. */
export const runtimeSource = (id: string) => `worker '${id}' (added at runtime)`;

/** The rules for an engine serving `toolkits` in its own process. */
export function createToolkitOwnership({
  toolkits,
}: {
  toolkits: readonly Toolkit[];
}): ToolkitOwnership {
  const inProcess = new Set(toolkits.map((toolkit) => toolkitKey(toolkit)));
  const inProcessNames = new Set(toolkits.map((toolkit) => toolkit.name.toLowerCase()));

  /** Toolkit names the operator's sources serve: in process, or by a configured worker. */
  function configuredNames(workers: readonly ToolkitServer[]): Map<string, string> {
    const names = new Map<string, string>();
    for (const name of inProcessNames) names.set(name, inProcessSource);
    for (const worker of workers) {
      if (!worker.settings.managed || !worker.settings.enabled) continue;
      for (const tool of worker.tools) {
        const name = tool.toolkit.name.toLowerCase();
        if (!names.has(name)) names.set(name, configuredSource(worker.settings.id));
      }
    }
    return names;
  }

  return {
    served(workers) {
      const taken = configuredNames(workers);
      // A configured source wins over a runtime worker, whichever was read first.
      return workers
        .filter((worker) => worker.settings.enabled)
        .flatMap((worker) =>
          worker.settings.managed
            ? worker.tools
            : worker.tools.filter((tool) => !taken.has(tool.toolkit.name.toLowerCase())),
        );
    },

    admit({ worker, tools: parsed, workers }) {
      const tools: WorkerRegisteredTool[] = [];
      const problems: string[] = [];
      const takenBy = new Map<string, string>();
      for (const other of workers) {
        if (other === worker || !other.settings.enabled || !other.settings.managed) continue;
        for (const tool of other.tools) takenBy.set(toolkitKey(tool.toolkit), other.settings.id);
      }
      const admitted = worker.settings.admittedToolkits;
      const taken = admitted === undefined ? undefined : configuredNames(workers);
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
              `Toolkit '${tool.toolkit.name}' was not served when worker '${worker.settings.id}' was registered; register it again with "replaces": "${worker.settings.id}" to serve it.`,
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
      return { tools, problems };
    },

    ownerOf({ name, except, workers }) {
      const configured = configuredNames(workers).get(name);
      if (configured !== undefined) return { source: configured, runtimeId: undefined };
      for (const worker of workers) {
        if (worker.settings.managed || worker.settings.id === except) continue;
        if (worker.settings.admittedToolkits?.includes(name)) {
          return { source: runtimeSource(worker.settings.id), runtimeId: worker.settings.id };
        }
      }
      return undefined;
    },
  };
}
