import { describe, expect, it } from 'vitest';
import { loadArcadeCatalog } from '../test/load-arcade-catalog.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import type { ToolDefinition } from './tool-definition.js';
import {
  assertUniqueToolNames,
  fromToolName,
  maxToolNameLength,
  toToolName,
  toToolNames,
} from './tool-name.js';
import { ToolNameCollisionError } from './tool-name-collision-error.js';

const allowed = /^[a-zA-Z0-9_-]{1,64}$/;

function definition(qualifiedName: string, version = '1.0.0'): ToolDefinition {
  const [toolkit = '', name = ''] = qualifiedName.split('.');
  return parseToolDefinition({
    name,
    qualified_name: qualifiedName,
    fully_qualified_name: `${qualifiedName}@${version}`,
    toolkit: { name: toolkit, version },
  });
}

describe('toToolName and fromToolName', () => {
  it('round-trips every name of the Arcade catalog, within the allowed pattern', () => {
    const definitions = loadArcadeCatalog().map((item) => parseToolDefinition(item));
    for (const { qualified_name } of definitions) {
      const toolName = toToolName(qualified_name);
      expect(toolName).toMatch(allowed);
      expect(fromToolName(toolName)).toBe(qualified_name);
    }
    expect(toToolNames(definitions).size).toBe(508);
  });

  it('replaces the dot and every other character outside a-z A-Z 0-9 _ -', () => {
    expect(toToolName('Gmail.ListEmails')).toBe('Gmail_ListEmails');
    expect(toToolName('My Kit.Résumé!')).toBe('My_Kit_R_sum__');
    expect(toToolName('Kit.with-dash')).toBe('Kit_with-dash');
  });

  it('shortens names over 64 characters with a hash of the whole name, deterministically', () => {
    const long = `Toolkit.${'A'.repeat(70)}`;
    const otherLong = `Toolkit.${'A'.repeat(69)}B`;
    const name = toToolName(long);
    expect(name).toHaveLength(maxToolNameLength);
    expect(name).toMatch(allowed);
    expect(name).toMatch(/^Toolkit_A{47}_[0-9a-f]{8}$/);
    expect(toToolName(long)).toBe(name);
    expect(toToolName(otherLong)).not.toBe(name);
    expect(toToolName(`Kit.${'B'.repeat(60)}`)).toBe(`Kit_${'B'.repeat(60)}`);
  });

  it('rejects an empty qualified name', () => {
    expect(() => toToolName('')).toThrow(/needs a qualified tool name/);
  });
});

describe('toToolNames', () => {
  it('maps each tool name to its definition', () => {
    const gmail = definition('Gmail.ListEmails');
    const slack = definition('Slack.SendMessage');
    const names = toToolNames([gmail, slack]);
    expect(names.get('Gmail_ListEmails')).toBe(gmail);
    expect(names.get('Slack_SendMessage')).toBe(slack);
  });

  it('names both tools when two collide after conversion', () => {
    const first = definition('My Kit.Send');
    const second = definition('My_Kit.Send');
    let caught: unknown;
    try {
      assertUniqueToolNames([first, second]);
    } catch (error) {
      caught = error;
    }
    expect(ToolNameCollisionError.isInstance(caught)).toBe(true);
    const error = caught as ToolNameCollisionError;
    expect(error.toolName).toBe('My_Kit_Send');
    expect(error.tools).toEqual(['My Kit.Send', 'My_Kit.Send']);
    expect(error.message).toBe(
      'Tools "My Kit.Send" and "My_Kit.Send" both become "My_Kit_Send" as a model-facing tool name. Leave one of them out (the toolkits or tools option), or rename one on its server.',
    );
  });

  it('names the versions when the same tool is loaded twice', () => {
    expect(() =>
      toToolNames([
        definition('Gmail.ListEmails', '1.0.0'),
        definition('Gmail.ListEmails', '2.0.0'),
      ]),
    ).toThrow(
      'Tools "Gmail.ListEmails@1.0.0" and "Gmail.ListEmails@2.0.0" both become "Gmail_ListEmails" as a model-facing tool name. Load one version of it only.',
    );
  });
});
