import type { McpToolDefinition } from './mcp-tool-definition.js';
import type { StandardJsonSchemaOptions, ToolInputStandardSchema } from './to-standard-schema.js';
import type { McpInputValidator } from './validate-mcp-tool-input.js';

// An MCP tool's input as a Standard Schema, for frameworks that check arguments before the tool
// runs (the AI SDK, Mastra): `validate` is core's check against the server's JSON Schema
// (strict-mode nulls removed, core's words for each bad field), and the JSON Schema the model is
// offered is the server's (a copy per call: frameworks may change it in place). One spelling is
// added, as `toStandardSchema` does for Arcade tools: an object without `properties` and without
// `additionalProperties` gets `additionalProperties: {}` — the same meaning — because the AI SDK
// closes every object lacking one, which would tell the model an open object takes no keys.

/** An MCP tool's input as a Standard Schema whose JSON Schema is the server's, unchanged. */
export function toMcpStandardSchema({
  definition,
  validator,
}: {
  definition: McpToolDefinition;
  validator: McpInputValidator;
}): ToolInputStandardSchema {
  const jsonSchema = (_options: StandardJsonSchemaOptions) =>
    withOpenObjectsSpelledOut(structuredClone(definition.inputSchema)) as Record<string, unknown>;
  return {
    '~standard': {
      version: 1,
      vendor: 'toolgrant',
      validate(value) {
        const result = validator(value);
        if (result.success) return { value: result.input };
        return {
          issues: result.issues.map(({ path, keys, message }) =>
            path === '' ? { message } : { message: `${path}: ${message}`, path: keys },
          ),
        };
      },
      jsonSchema: { input: jsonSchema, output: jsonSchema },
    },
  };
}

const nestedSchemaLists = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;

function withOpenObjectsSpelledOut(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const node = schema as Record<string, unknown>;
  if (
    node.type === 'object' &&
    node.properties === undefined &&
    node.additionalProperties === undefined &&
    node.patternProperties === undefined
  ) {
    node.additionalProperties = {};
  }
  if (typeof node.properties === 'object' && node.properties !== null) {
    for (const value of Object.values(node.properties)) withOpenObjectsSpelledOut(value);
  }
  withOpenObjectsSpelledOut(node.items);
  withOpenObjectsSpelledOut(node.additionalProperties);
  for (const key of nestedSchemaLists) {
    const list = node[key];
    if (Array.isArray(list)) for (const entry of list) withOpenObjectsSpelledOut(entry);
  }
  return node;
}
