import { describe, expect, it } from 'vitest';
import { mcpSource } from './mcp-source.js';
import type { McpToolDefinition } from './mcp-tool-definition.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import { toToolEntries } from './to-tool-entries.js';
import { toToolName } from './tool-name.js';
import { ToolNameCollisionError } from './tool-name-collision-error.js';

const arcade = parseToolDefinition({
  name: 'ListEmails',
  qualified_name: 'Gmail.ListEmails',
  toolkit: { name: 'Gmail' },
  input: { parameters: [] },
});

function mcpTool(sourceName: string, name: string): McpToolDefinition {
  const qualifiedName = `${sourceName}.${name}`;
  return {
    kind: 'mcp',
    source: mcpSource({ name: sourceName, url: 'http://127.0.0.1/mcp' }),
    name,
    qualifiedName,
    toolName: toToolName(qualifiedName),
    description: undefined,
    inputSchema: { type: 'object' },
  };
}

describe('toToolEntries', () => {
  it('names Arcade and MCP tools side by side', () => {
    expect(toToolEntries([arcade, mcpTool('notes', 'read_notes')]).map(([name]) => name)).toEqual([
      'Gmail_ListEmails',
      'notes_read_notes',
    ]);
  });

  it('refuses an MCP tool that would reach the model under an Arcade tool’s name', () => {
    const clash = () => toToolEntries([arcade, mcpTool('Gmail', 'ListEmails')]);
    expect(clash).toThrow(ToolNameCollisionError);
    expect(clash).toThrow(/Gmail\.ListEmails/);
  });
});
