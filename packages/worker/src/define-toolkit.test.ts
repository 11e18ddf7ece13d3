import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { defineTool } from './define-tool.js';
import { defineToolkit } from './define-toolkit.js';

const tool = (name: string) =>
  defineTool({ name, description: `${name}.`, input: z.object({}), execute: () => null });

describe('defineToolkit', () => {
  it('returns the toolkit with its tools in order', () => {
    const list = tool('List');
    const send = tool('Send');
    const toolkit = defineToolkit({
      name: 'Mail',
      version: '1.2.0',
      description: 'Mail tools.',
      tools: [list, send],
    });
    expect(toolkit).toEqual({
      name: 'Mail',
      version: '1.2.0',
      description: 'Mail tools.',
      tools: [list, send],
    });
    expect(Object.isFrozen(toolkit)).toBe(true);
  });

  it('names both tools when two share a name, ignoring case', () => {
    expect(() =>
      defineToolkit({
        name: 'Mail',
        version: '1.0.0',
        tools: [tool('List'), tool('Send'), tool('list')],
      }),
    ).toThrowError(
      "Toolkit 'Mail' has two tools named alike: 'List' (tools[0]) and 'list' (tools[2]). Rename one of them.",
    );
  });

  it.each([['1.0'], ['v1.0.0'], ['1.0.0.0'], ['01.0.0'], ['']])(
    'rejects the version %j',
    (version) => {
      expect(() => defineToolkit({ name: 'Mail', version, tools: [tool('List')] })).toThrowError(
        `Toolkit 'Mail' got the version ${JSON.stringify(version)}; use a semantic version`,
      );
    },
  );

  it.each([['1.0.0-beta.1'], ['2.10.3+build.7'], ['0.0.1']])(
    'accepts the version %j',
    (version) => {
      expect(defineToolkit({ name: 'Mail', version, tools: [tool('List')] }).version).toBe(version);
    },
  );

  it.each([['Google_Mail'], ['mail-kit'], ['9Mail']])('rejects the toolkit name %j', (name) => {
    expect(() => defineToolkit({ name, version: '1.0.0', tools: [tool('List')] })).toThrowError(
      /a toolkit name starts with a letter and has at most 64 letters or digits, without '_'/,
    );
  });

  it('rejects objects that were not made by defineTool', () => {
    expect(() =>
      defineToolkit({
        name: 'Mail',
        version: '1.0.0',
        // @ts-expect-error -- a plain object is not a tool
        tools: [tool('List'), { name: 'Send', execute: () => null }],
      }),
    ).toThrowError("Toolkit 'Mail': tools[1] was not made by defineTool()");
  });

  it('rejects an empty toolkit', () => {
    expect(() => defineToolkit({ name: 'Mail', version: '1.0.0', tools: [] })).toThrowError(
      "Toolkit 'Mail' has no tools",
    );
  });

  it('rejects a Toolkit_Tool name longer than model APIs accept', () => {
    expect(() =>
      defineToolkit({ name: 'M'.repeat(40), version: '1.0.0', tools: [tool('T'.repeat(30))] }),
    ).toThrowError(/is 71 characters; model APIs accept at most 64/);
  });
});
