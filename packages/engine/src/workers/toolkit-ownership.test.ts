import { defineTool, defineToolkit, toToolDefinition } from '@toolgrant/worker';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import type { WorkerRegisteredTool } from '../tools/tool-registry.js';
import { toWorkerTool } from './to-worker-tool.js';
import { createToolkitOwnership, type ToolkitServer } from './toolkit-ownership.js';
import { toWorkerSettings } from './worker-settings.js';

const echo = defineTool({
  name: 'Echo',
  description: 'Echoes its input.',
  input: z.object({ text: z.string() }),
  execute: ({ text }) => text,
});
const toolkitOf = (name: string, version: string) =>
  defineToolkit({ name, version, tools: [echo] });

function toolOf(workerId: string, name: string, version: string): WorkerRegisteredTool {
  const toolkit = toolkitOf(name, version);
  return toWorkerTool({ workerId, value: toToolDefinition({ tool: echo, toolkit }) });
}

function workerOf({
  id,
  managed,
  toolkits,
  admitted,
  enabled = true,
}: {
  id: string;
  managed: boolean;
  toolkits: readonly (readonly [name: string, version: string])[];
  admitted?: readonly string[];
  enabled?: boolean;
}): ToolkitServer {
  const settings = toWorkerSettings({
    config: { id, url: `http://127.0.0.1:1/${id}`, secret: 'not-used', enabled },
    managed,
  });
  return {
    settings: { ...settings, admittedToolkits: admitted },
    tools: toolkits.map(([name, version]) => toolOf(id, name, version)),
  };
}

const ownership = createToolkitOwnership({ toolkits: [toolkitOf('Local', '1.0.0')] });
const configured = workerOf({ id: 'configured', managed: true, toolkits: [['Inbox', '1.0.0']] });

describe('createToolkitOwnership', () => {
  it("serves a runtime worker's toolkit only while no configured source serves it", () => {
    const runtime = workerOf({
      id: 'runtime',
      managed: false,
      toolkits: [
        ['inbox', '2.0.0'],
        ['Calendar', '1.0.0'],
      ],
    });
    const disabled = workerOf({
      id: 'disabled',
      managed: true,
      enabled: false,
      toolkits: [['Notes', '1.0.0']],
    });
    const served = ownership.served([runtime, configured, disabled]);
    expect(served.map((tool) => `${tool.workerId}:${tool.toolkit.name}`)).toEqual([
      'runtime:Calendar',
      'configured:Inbox',
    ]);
  });

  it("leaves out a configured worker's toolkit version that another place serves", () => {
    const worker = workerOf({
      id: 'second',
      managed: true,
      toolkits: [
        ['Local', '1.0.0'],
        ['Inbox', '1.0.0'],
        ['Inbox', '1.1.0'],
      ],
    });
    const { tools, problems } = ownership.admit({
      worker,
      tools: worker.tools,
      workers: [configured, worker],
    });
    expect(tools.map((tool) => tool.toolkit.version)).toEqual(['1.1.0']);
    expect(problems).toEqual([
      "Toolkit 'Local' version 1.0.0 is already served by the engine itself; serve each toolkit version from one place (give this one another version).",
      "Toolkit 'Inbox' version 1.0.0 is already served by worker 'configured'; serve each toolkit version from one place (give this one another version).",
    ]);
  });

  it('serves from a runtime worker only the toolkits it was admitted with and nobody else serves', () => {
    const worker = workerOf({
      id: 'runtime',
      managed: false,
      admitted: ['calendar', 'inbox'],
      toolkits: [
        ['Inbox', '9.0.0'],
        ['Calendar', '1.0.0'],
        ['Notes', '1.0.0'],
      ],
    });
    const { tools, problems } = ownership.admit({
      worker,
      tools: worker.tools,
      workers: [configured, worker],
    });
    expect(tools.map((tool) => tool.toolkit.name)).toEqual(['Calendar']);
    expect(problems).toEqual([
      "Toolkit 'Inbox' is served by worker 'configured' (configured in the engine's workers option), which comes first; this worker's version is left out.",
      'Toolkit \'Notes\' was not served when worker \'runtime\' was registered; register it again with "replaces": "runtime" to serve it.',
    ]);
  });

  it('names who serves a toolkit, and the runtime worker a registration may replace', () => {
    const runtime = workerOf({
      id: 'runtime',
      managed: false,
      admitted: ['calendar'],
      toolkits: [],
    });
    const workers = [configured, runtime];
    expect(ownership.ownerOf({ name: 'local', except: undefined, workers })).toEqual({
      source: "the engine's own toolkits (the toolkits option)",
      runtimeId: undefined,
    });
    expect(ownership.ownerOf({ name: 'inbox', except: undefined, workers })).toEqual({
      source: "worker 'configured' (configured in the engine's workers option)",
      runtimeId: undefined,
    });
    expect(ownership.ownerOf({ name: 'calendar', except: undefined, workers })).toEqual({
      source: "worker 'runtime' (added at runtime)",
      runtimeId: 'runtime',
    });
    expect(ownership.ownerOf({ name: 'calendar', except: 'runtime', workers })).toBeUndefined();
    expect(ownership.ownerOf({ name: 'notes', except: undefined, workers })).toBeUndefined();
  });
});
