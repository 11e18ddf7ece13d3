import { defineTool, defineToolkit } from '@toolgrant/worker';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { apiErrorOf } from '../http/api-error-of.js';
import { InvalidEngineOptionsError } from '../shared/invalid-engine-options-error.js';
import { createToolRegistry } from './tool-registry.js';
import { UnknownToolError } from './unknown-tool-error.js';

const tool = (name: string) =>
  defineTool({ name, description: `${name} tool`, input: z.object({}), execute: () => name });

const gmail = (version: string) =>
  defineToolkit({ name: 'Gmail', version, tools: [tool('ListEmails'), tool('Send_Email')] });

const registry = createToolRegistry({
  toolkits: [gmail('4.1.0'), gmail('4.10.0-beta.1'), gmail('4.2.0'), gmail('10.0.0-rc.1')],
});

function findError(run: () => unknown): UnknownToolError {
  try {
    run();
  } catch (error) {
    if (UnknownToolError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an UnknownToolError');
}

describe('createToolRegistry', () => {
  it('finds a tool by qualified, model-facing and versioned name, ignoring case', () => {
    for (const name of ['Gmail.ListEmails', 'Gmail_ListEmails', 'gmail.listemails']) {
      expect(registry.find({ name }).definition.fully_qualified_name).toBe(
        'Gmail.ListEmails@10.0.0-rc.1',
      );
    }
    expect(registry.find({ name: 'Gmail.ListEmails@4.2.0' }).toolkit.version).toBe('4.2.0');
    expect(
      registry.find({ name: 'Gmail_Send_Email', version: '4.1.0' }).definition.qualified_name,
    ).toBe('Gmail.Send_Email');
  });

  it('orders versions semantically (4.10.0-beta.1 after 4.2.0, a release after its pre-release)', () => {
    const versions = registry
      .list({ allVersions: true })
      .filter(({ tool }) => tool.name === 'ListEmails')
      .map(({ toolkit }) => toolkit.version);
    expect(versions).toEqual(['10.0.0-rc.1', '4.10.0-beta.1', '4.2.0', '4.1.0']);
    expect(registry.list()).toHaveLength(2);
  });

  it('names close tools for an unknown name', () => {
    const error = findError(() => registry.find({ name: 'Gmail_ListEmail' }));
    expect(apiErrorOf(error)?.status).toBe(404);
    expect(error.suggestions).toEqual(['Gmail.ListEmails', 'Gmail.Send_Email']);
    expect(error.message).toContain("no tool named 'Gmail_ListEmail'");
  });

  it('lists the served versions for an unknown version', () => {
    const error = findError(() => registry.find({ name: 'Gmail.ListEmails@9.9.9' }));
    expect(error.servedVersions).toEqual(['10.0.0-rc.1', '4.10.0-beta.1', '4.2.0', '4.1.0']);
  });

  it('refuses a version given twice, differently', () => {
    expect(() => registry.find({ name: 'Gmail.ListEmails@4.1.0', version: '4.2.0' })).toThrow(
      "asks for version '4.1.0' but tool_version is '4.2.0'",
    );
  });

  it('refuses a toolkit version listed twice', () => {
    let caught: unknown;
    try {
      createToolRegistry({ toolkits: [gmail('1.0.0'), gmail('1.0.0')] });
    } catch (error) {
      caught = error;
    }
    expect(InvalidEngineOptionsError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toContain("Toolkit 'Gmail' version 1.0.0 is listed twice");
  });
});
