import { type ToolDefinition, toToolName } from '@toolgrant/core';
import {
  type Tool,
  type Toolkit,
  type ToolMetadata,
  type ToolRequirements,
  toToolDefinition,
} from '@toolgrant/worker';
import { InvalidEngineOptionsError } from '../shared/invalid-engine-options-error.js';
import { ConflictingToolVersionError } from './conflicting-tool-version-error.js';
import { suggestNames } from './suggest-names.js';
import { UnknownToolError } from './unknown-tool-error.js';

// The tools the engine serves, hosted in its own process or by remote workers, indexed by
// every name a client may use: `Gmail.ListEmails`, `Gmail_ListEmails` (the model-facing name)
// and `Gmail.ListEmails@4.1.0`, without regard to case. Several versions of a toolkit may be
// served (in-process, by workers, or both); without a version the newest is used.

/** A tool the engine serves: run in this process or by a worker. */
export type RegisteredTool = InProcessRegisteredTool | WorkerRegisteredTool;

/** A tool from a toolkit hosted in the engine's own process. */
export interface InProcessRegisteredTool {
  readonly source: 'in_process';
  readonly tool: Tool;
  readonly toolkit: Toolkit;
  /** The Arcade definition, without any user's requirement statuses. */
  readonly definition: ToolDefinition;
}

/** A tool a remote worker serves: the engine knows its definition, not its code. */
export interface WorkerRegisteredTool {
  readonly source: 'worker';
  readonly workerId: string;
  /** What the definition declares: the user authorization, secrets and behaviour hints. */
  readonly tool: ToolRequirements & { readonly metadata: ToolMetadata | undefined };
  readonly toolkit: Pick<Toolkit, 'name' | 'version' | 'description'>;
  readonly definition: ToolDefinition;
}

/** Worker tools, which change while the engine runs; `generation` moves when they do. */
export interface RemoteToolSource {
  generation(): number;
  tools(): readonly WorkerRegisteredTool[];
}

/** Every tool the engine serves, in-process and from workers, looked up by name and version. */
export interface ToolRegistry {
  /**
   * Tools in a stable order (toolkit, tool, newest version first). Without `allVersions`,
   * only the newest version of each tool.
   */
  list(filter?: { toolkit?: string | undefined; allVersions?: boolean }): RegisteredTool[];
  /**
   * The tool a client named. `version` may also come in the name (`Gmail.ListEmails@4.1.0`).
   * Throws `UnknownToolError` with close names when there is none.
   */
  find(options: { name: string; version?: string | undefined }): RegisteredTool;
}

/** The registry of the in-process toolkits and the tools remote workers serve. */
export function createToolRegistry({
  toolkits,
  remoteTools,
}: {
  toolkits: readonly Toolkit[];
  remoteTools?: RemoteToolSource | undefined;
}): ToolRegistry {
  const local = buildLocalTools(toolkits);
  let built = { generation: -1, index: indexTools(local) };
  if (remoteTools === undefined) built.generation = 0;
  // Rebuilt only when the workers' tools changed: a lookup stays a map read.
  const current = () => {
    if (remoteTools === undefined) return built.index;
    const generation = remoteTools.generation();
    if (generation !== built.generation) {
      built = { generation, index: indexTools([...local, ...remoteTools.tools()]) };
    }
    return built.index;
  };

  return {
    list(filter) {
      return current().list(filter);
    },
    find(options) {
      return current().find(options);
    },
  };
}

/** How toolkits are told apart: `name@version`, the name in lower case. */
export function toolkitKey(toolkit: { name: string; version?: string | null | undefined }): string {
  return `${toolkit.name.toLowerCase()}@${toolkit.version ?? ''}`;
}

function buildLocalTools(toolkits: readonly Toolkit[]): InProcessRegisteredTool[] {
  const seenToolkits = new Set<string>();
  const tools: InProcessRegisteredTool[] = [];
  for (const toolkit of toolkits) {
    const key = toolkitKey(toolkit);
    if (seenToolkits.has(key)) {
      throw new InvalidEngineOptionsError({
        option: 'toolkits',
        message: `Toolkit '${toolkit.name}' version ${toolkit.version} is listed twice (toolkit names are compared without regard to case). Pass each toolkit version once.`,
      });
    }
    seenToolkits.add(key);
    for (const tool of toolkit.tools) {
      tools.push({
        source: 'in_process',
        tool,
        toolkit,
        definition: toToolDefinition({ tool, toolkit }),
      });
    }
  }
  return tools;
}

function indexTools(entries: readonly RegisteredTool[]): ToolRegistry {
  const versionsByName = new Map<string, RegisteredTool[]>();
  const ordered = [...entries];
  for (const entry of entries) {
    const keys = new Set([
      entry.definition.qualified_name.toLowerCase(),
      toToolName(entry.definition.qualified_name).toLowerCase(),
    ]);
    for (const key of keys) {
      const versions = versionsByName.get(key) ?? [];
      versions.push(entry);
      versions.sort((a, b) => compareVersions(b.toolkit.version, a.toolkit.version));
      versionsByName.set(key, versions);
    }
  }
  ordered.sort(
    (a, b) =>
      a.toolkit.name.localeCompare(b.toolkit.name) ||
      a.tool.name.localeCompare(b.tool.name) ||
      compareVersions(b.toolkit.version, a.toolkit.version),
  );
  const qualifiedNames = [...new Set(ordered.map((entry) => entry.definition.qualified_name))];

  return {
    list({ toolkit, allVersions = false } = {}) {
      const wantedToolkit = toolkit?.toLowerCase();
      const seen = new Set<string>();
      return ordered.filter((entry) => {
        if (wantedToolkit !== undefined && entry.toolkit.name.toLowerCase() !== wantedToolkit) {
          return false;
        }
        if (allVersions) return true;
        const key = entry.definition.qualified_name.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },

    find({ name, version }) {
      const at = name.lastIndexOf('@');
      const bareName = at > 0 ? name.slice(0, at) : name;
      const nameVersion = at > 0 ? name.slice(at + 1) : undefined;
      if (nameVersion !== undefined && version !== undefined && nameVersion !== version) {
        throw new ConflictingToolVersionError({ name, nameVersion, version });
      }
      const wantedVersion = nameVersion ?? version;
      const versions = versionsByName.get(bareName.toLowerCase());
      if (versions === undefined || versions.length === 0) {
        throw new UnknownToolError({
          toolName: bareName,
          suggestions: suggestNames({
            name: bareName.replace('_', '.'),
            candidates: qualifiedNames,
          }),
        });
      }
      if (wantedVersion === undefined || wantedVersion === '') return versions[0] as RegisteredTool;
      const match = versions.find((entry) => entry.toolkit.version === wantedVersion);
      if (match === undefined) {
        throw new UnknownToolError({
          toolName: (versions[0] as RegisteredTool).definition.qualified_name,
          version: wantedVersion,
          servedVersions: versions.map((entry) => entry.toolkit.version),
        });
      }
      return match;
    },
  };
}

/** Semantic-version order (build metadata ignored; a pre-release sorts before its release). */
function compareVersions(a: string, b: string): number {
  const parse = (version: string) => {
    const [core = '', preRelease] = version.split('+')[0]?.split(/-(.*)/s) ?? [];
    return { numbers: core.split('.').map(Number), preRelease: preRelease || undefined };
  };
  const left = parse(a);
  const right = parse(b);
  for (let index = 0; index < 3; index++) {
    const difference = (left.numbers[index] ?? 0) - (right.numbers[index] ?? 0);
    if (difference !== 0) return difference;
  }
  if (left.preRelease === right.preRelease) return 0;
  if (left.preRelease === undefined) return 1;
  if (right.preRelease === undefined) return -1;
  const leftParts = left.preRelease.split('.');
  const rightParts = right.preRelease.split('.');
  for (let index = 0; index < Math.max(leftParts.length, rightParts.length); index++) {
    const x = leftParts[index];
    const y = rightParts[index];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const numeric = /^\d+$/;
    if (numeric.test(x) && numeric.test(y)) return Number(x) - Number(y);
    if (numeric.test(x)) return -1;
    if (numeric.test(y)) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
