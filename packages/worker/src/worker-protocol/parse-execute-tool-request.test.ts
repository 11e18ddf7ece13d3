import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { InvalidExecuteToolRequestError } from './invalid-execute-tool-request-error.js';
import { parseExecuteToolRequest } from './parse-execute-tool-request.js';

const request = {
  run_id: 'run_1',
  execution_id: 'exec_1',
  created_at: '2025-01-31T12:00:00Z',
  tool: { name: 'Forecast', toolkit: 'Weather', version: '1.0.0' },
  inputs: { city: 'Lisbon' },
  context: {
    authorization: { token: 'user-token' },
    secrets: { WEATHER_API_KEY: 'k' },
    user_id: 'ada@example.com',
    user_info: { email: 'ada@example.com' },
  },
};

function problemsOf(body: unknown): readonly string[] {
  try {
    parseExecuteToolRequest(body);
  } catch (error) {
    if (InvalidExecuteToolRequestError.isInstance(error)) return error.problems;
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('parseExecuteToolRequest', () => {
  it('accepts a request that matches the schema, including $schema and an empty context', () => {
    expect(parseExecuteToolRequest(request)).toBe(request);
    const minimal = { ...request, $schema: 'https://example.com/schema.json', context: {} };
    expect(parseExecuteToolRequest(minimal)).toBe(minimal);
  });

  it('rejects an unknown top-level field, naming it', () => {
    expect(problemsOf({ ...request, priority: 'high' })).toEqual([
      "unknown top-level field 'priority' is not allowed; remove it",
    ]);
  });

  it('rejects a missing tool.version and an unknown field in tool', () => {
    const { version: _version, ...tool } = request.tool;
    expect(problemsOf({ ...request, tool })).toEqual(["'tool.version' is required"]);
    expect(problemsOf({ ...request, tool: { ...request.tool, id: 'x' } })).toEqual([
      "unknown field 'tool.id' is not allowed; remove it",
    ]);
  });

  it('names every missing required field and wrong type at once', () => {
    expect(
      problemsOf({ run_id: 1, created_at: 'yesterday', tool: request.tool, inputs: [] }),
    ).toEqual(
      expect.arrayContaining([
        "'execution_id' is required",
        "'context' is required",
        "'run_id' must be a string",
        "'created_at' must be an RFC 3339 date-time, for example 2025-01-31T12:00:00Z",
        "'inputs' must be an object",
      ]),
    );
  });

  it('checks context fields: token and user_id are strings, $schema a URI', () => {
    expect(
      problemsOf({ ...request, context: { ...request.context, authorization: { token: 5 } } }),
    ).toEqual(["'context.authorization.token' must be a string"]);
    expect(problemsOf({ ...request, context: { user_id: 7 } })).toEqual([
      "'context.user_id' must be a string",
    ]);
    expect(problemsOf({ ...request, $schema: 'not a uri' })).toEqual([
      "'$schema' must be an absolute URI",
    ]);
  });

  it('keeps the schema as published (its odd authorization.additionalProperties included)', async () => {
    const schema = JSON.parse(
      await readFile(new URL('./execute-tool-request.schema.json', import.meta.url), 'utf8'),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.context.properties.authorization.properties.additionalProperties).toBe(
      false,
    );
    // As published, extra authorization fields are allowed; only one literally named so is not.
    expect(
      parseExecuteToolRequest({
        ...request,
        context: { authorization: { token: 't', expires_at: 'soon' } },
      }).context.authorization,
    ).toEqual({ token: 't', expires_at: 'soon' });
    expect(
      problemsOf({ ...request, context: { authorization: { additionalProperties: 1 } } }),
    ).toEqual(["'context.authorization.additionalProperties' is not allowed; remove it"]);
  });

  it("accepts secrets as the list of { key, value } that Arcade's engines send, as a map", () => {
    const parsed = parseExecuteToolRequest({
      ...request,
      context: {
        authorization: { token: 't', user_info: { login: 'ada' } },
        secrets: [
          { key: 'WEATHER_API_KEY', value: 'k' },
          { key: '__proto__', value: 'not a prototype' },
        ],
      },
    });
    expect(Object.entries(parsed.context.secrets ?? {})).toEqual([
      ['WEATHER_API_KEY', 'k'],
      ['__proto__', 'not a prototype'],
    ]);
    expect(parsed.context.authorization).toEqual({ token: 't', user_info: { login: 'ada' } });
  });

  it('names each bad item of a secret list, and a repeated key, with the schema problems', () => {
    expect(
      problemsOf({
        ...request,
        run_id: 1,
        context: {
          secrets: [
            { key: 'A', value: 1 },
            'B',
            { key: 'C', value: 'c' },
            { key: 'C', value: 'd' },
          ],
        },
      }),
    ).toEqual([
      "'context.secrets[0]' must be an object { key, value } with two strings",
      "'context.secrets[1]' must be an object { key, value } with two strings",
      "'context.secrets[3].key' repeats the secret 'C'; send each secret once",
      "'run_id' must be a string",
    ]);
  });

  it('rejects a body that is not an object', () => {
    expect(problemsOf([])).toEqual(["'(body)' must be an object"]);
  });
});
