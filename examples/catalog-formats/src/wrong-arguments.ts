import type { ToolDefinition, ValueSchema } from '@toolgrant/core';

// Arguments a careless model might send: each of the first parameters gets a value of the wrong
// kind, and one key the tool does not have.
export function wrongArguments(definition: ToolDefinition): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const parameter of definition.input.parameters.slice(0, 3)) {
    input[parameter.name] = wrongValueFor(parameter.value_schema);
  }
  input.colour = 'blue';
  return input;
}

function wrongValueFor(schema: ValueSchema): unknown {
  if (schema.enum?.length) return 'NOT_ONE_OF_THEM';
  switch (schema.val_type) {
    case 'string':
      return 42;
    case 'integer':
      return 'five';
    case 'number':
      return 'a lot';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-a-list';
    case 'json':
      return ['not', 'an', 'object'];
  }
}

// What a model following OpenAI's strict format sends when it leaves every optional
// argument out: null.
export function strictModeArguments(definition: ToolDefinition): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const parameter of definition.input.parameters) {
    input[parameter.name] = parameter.required ? sampleValueFor(parameter.value_schema) : null;
  }
  return input;
}

function sampleValueFor(schema: ValueSchema): unknown {
  if (schema.enum?.length) return schema.val_type === 'array' ? [schema.enum[0]] : schema.enum[0];
  switch (schema.val_type) {
    case 'string':
      return 'example';
    case 'integer':
      return 3;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'array':
      return [sampleValueFor({ val_type: schema.inner_val_type ?? 'string' })];
    case 'json':
      return {};
  }
}
