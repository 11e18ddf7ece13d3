import { describe, expect, it } from 'vitest';
import { z as z3 } from 'zod/v3';
import { z } from 'zod/v4';
import { oauth2 } from './auth.js';
import { defineTool, isTool } from './define-tool.js';
import { ToolDefinitionError } from './tool-definition-error.js';

const input = z.object({ query: z.string() });
const execute = () => 'ok';

describe('defineTool', () => {
  it('returns a frozen tool that keeps what the author declared', () => {
    const auth = oauth2({ provider: 'google', scopes: ['email'] });
    const tool = defineTool({
      name: 'Search',
      description: 'Searches.',
      input,
      auth,
      secrets: ['INDEX_KEY'],
      metadata: { readOnly: true },
      timeoutMs: 5000,
      execute,
    });
    expect(tool).toMatchObject({
      name: 'Search',
      description: 'Searches.',
      input,
      output: undefined,
      auth,
      secrets: ['INDEX_KEY'],
      metadata: { readOnly: true },
      timeoutMs: 5000,
      execute,
    });
    expect(Object.isFrozen(tool)).toBe(true);
    expect(isTool(tool)).toBe(true);
  });

  it('is told apart from look-alike objects', () => {
    expect(isTool({ name: 'Search', input, execute })).toBe(false);
    expect(isTool(null)).toBe(false);
  });

  it.each([['1Search'], ['search-emails'], ['Gmail.Search'], [''], ['A'.repeat(65)]])(
    'rejects the name %j, saying what a name looks like',
    (name) => {
      expect(() => defineTool({ name, description: 'd', input, execute })).toThrowError(
        /a tool name starts with a letter and has at most 64 letters, digits or '_'/,
      );
    },
  );

  it('requires a description', () => {
    expect(() => defineTool({ name: 'Search', description: '  ', input, execute })).toThrowError(
      "Tool 'Search' has no description",
    );
  });

  it('requires input to be a z.object', () => {
    expect(() =>
      defineTool({
        name: 'Search',
        description: 'd',
        // @ts-expect-error -- a string schema is not an object of parameters
        input: z.string(),
        execute,
      }),
    ).toThrowError(
      "Tool 'Search': input must be a z.object({...}) whose keys are the tool's parameters; got a string schema.",
    );
    expect(() =>
      defineTool({
        name: 'Search',
        description: 'd',
        // @ts-expect-error -- not a schema at all
        input: { query: 'string' },
        execute,
      }),
    ).toThrowError(/input must be a z.object\(\{\.\.\.\}\) from 'zod\/v4'; got an object/);
    expect(() =>
      defineTool({
        name: 'Search',
        description: 'd',
        // @ts-expect-error -- a Zod 3 schema
        input: z3.object({ query: z3.string() }),
        execute,
      }),
    ).toThrowError(
      `Tool 'Search': input must be a z.object({...}) from 'zod/v4'; got a Zod 3 schema (import z from "zod/v4").`,
    );
  });

  it('rejects unsupported input fields at definition time, naming tool and field', () => {
    expect(() =>
      defineTool({
        name: 'Search',
        description: 'd',
        input: z.object({ when: z.date() }),
        execute,
      }),
    ).toThrowError(
      "Tool 'Search', field 'when': it is a z.date(), which a tool definition cannot describe to the model. Use z.iso.datetime()",
    );
  });

  it('rejects an unsupported output schema', () => {
    expect(() =>
      defineTool({
        name: 'Search',
        description: 'd',
        input,
        output: z.tuple([z.string(), z.number()]),
        execute: () => ['a', 1] as [string, number],
      }),
    ).toThrowError("Tool 'Search', field 'output': it is a tuple");
  });

  it.each([
    [['api-key'], /the secret key "api-key"/],
    [['KEY', 'KEY'], /declares the secret 'KEY' twice/],
    [[''], /the secret key ""/],
  ])('rejects the secrets %j', (secrets, message) => {
    expect(() =>
      defineTool({ name: 'Search', description: 'd', input, secrets, execute }),
    ).toThrowError(message);
  });

  it('rejects auth not built with oauth2() or apiKey()', () => {
    expect(() =>
      defineTool({
        name: 'Search',
        description: 'd',
        input,
        // @ts-expect-error -- a bare provider name is not a requirement
        auth: 'google',
        execute,
      }),
    ).toThrowError(/build it with oauth2\(\{ provider, scopes \}\) or apiKey\(\{ provider \}\)/);
  });

  it('rejects contradictory or mistyped metadata', () => {
    expect(() =>
      defineTool({
        name: 'Drop',
        description: 'd',
        input,
        metadata: { readOnly: true, destructive: true },
        execute,
      }),
    ).toThrowError("Tool 'Drop' is marked both readOnly and destructive");
    expect(() =>
      defineTool({
        name: 'Drop',
        description: 'd',
        input,
        // @ts-expect-error -- a string is not a boolean hint
        metadata: { idempotent: 'yes' },
        execute,
      }),
    ).toThrowError(`Tool 'Drop' got metadata.idempotent "yes"; it is true or false.`);
  });

  it.each([[0], [-1], [1.5], [2 ** 31]])('rejects timeoutMs %j', (timeoutMs) => {
    expect(() =>
      defineTool({ name: 'Search', description: 'd', input, timeoutMs, execute }),
    ).toThrowError(ToolDefinitionError);
  });

  it('requires execute', () => {
    expect(() =>
      // @ts-expect-error -- execute is missing
      defineTool({ name: 'Search', description: 'd', input }),
    ).toThrowError("Tool 'Search' has no execute(input, context) function.");
  });
});
