import type { McpToolDefinition } from './mcp-tool-definition.js';
import type { StandardJsonSchemaOptions, ToolInputStandardSchema } from './to-standard-schema.js';
import type { McpInputValidator } from './validate-mcp-tool-input.js';

// An MCP tool's input as a Standard Schema, for frameworks that check arguments before the tool
// runs (the AI SDK, Mastra): `validate` is core's check against the server's JSON Schema
// (strict-mode nulls removed, core's words for each bad field), and the JSON Schema the model is
// offered is the server's, unchanged (a copy per call: frameworks may change it in place).

/** An MCP tool's input as a Standard Schema whose JSON Schema is the server's, unchanged. */
export function toMcpStandardSchema({
  definition,
  validator,
}: {
  definition: McpToolDefinition;
  validator: McpInputValidator;
}): ToolInputStandardSchema {
  const jsonSchema = (_options: StandardJsonSchemaOptions) =>
    structuredClone(definition.inputSchema) as Record<string, unknown>;
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
