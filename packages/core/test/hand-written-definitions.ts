// Definitions covering what the Arcade catalog lacks: `json` inputs with and without properties,
// nested required keys, arrays of objects, enums on arrays, number next to integer.
import { parseToolDefinition } from '../src/parse-tool-definition.js';
import type { ToolDefinition } from '../src/tool-definition.js';

function tool(name: string, parameters: unknown[], description = `${name} (hand-written)`) {
  return parseToolDefinition({
    name,
    qualified_name: `Handmade.${name}`,
    fully_qualified_name: `Handmade.${name}@1.0.0`,
    description,
    toolkit: { name: 'Handmade', version: '1.0.0', description: null },
    input: { parameters },
    output: { value_schema: { val_type: 'json' } },
    requirements: null,
  });
}

export const sendEmail: ToolDefinition = tool('SendEmail', [
  {
    name: 'subject',
    required: true,
    description: 'Subject line',
    value_schema: { val_type: 'string' },
  },
  {
    name: 'recipients',
    required: true,
    description: 'Who receives it',
    value_schema: {
      val_type: 'array',
      inner_val_type: 'json',
      inner_properties: {
        address: { val_type: 'string', required: true, description: 'Email address' },
        kind: { val_type: 'string', required: false, enum: ['to', 'cc', 'bcc'] },
        priority: { val_type: 'integer', required: false },
      },
    },
  },
  {
    name: 'labels',
    required: false,
    description: 'Labels to apply',
    value_schema: {
      val_type: 'array',
      inner_val_type: 'string',
      enum: ['INBOX', 'SENT', 'IMPORTANT'],
    },
  },
  {
    name: 'schedule',
    required: false,
    description: 'When to send',
    value_schema: {
      val_type: 'json',
      properties: {
        at: { val_type: 'string', required: true, description: 'ISO 8601 time' },
        timezone: { val_type: 'string', required: false },
        window: {
          val_type: 'json',
          required: false,
          description: 'Retry window',
          properties: {
            minutes: { val_type: 'integer', required: true },
            jitter: { val_type: 'number', required: false },
          },
        },
      },
    },
  },
  {
    name: 'headers',
    required: false,
    description: 'Extra headers',
    value_schema: { val_type: 'json' },
  },
]);

export const measure: ToolDefinition = tool('Measure', [
  {
    name: 'count',
    required: true,
    description: 'A whole number',
    value_schema: { val_type: 'integer' },
  },
  {
    name: 'ratio',
    required: true,
    description: 'Any number',
    value_schema: { val_type: 'number' },
  },
  {
    name: 'weights',
    required: false,
    value_schema: { val_type: 'array', inner_val_type: 'number' },
  },
  { name: 'ids', required: false, value_schema: { val_type: 'array', inner_val_type: 'integer' } },
  {
    name: 'flags',
    required: false,
    value_schema: { val_type: 'array', inner_val_type: 'boolean' },
  },
  { name: 'dry_run', required: false, value_schema: { val_type: 'boolean' } },
  { name: 'unit', required: false, value_schema: { val_type: 'string', enum: ['cm', 'in'] } },
]);

export const storeDocument: ToolDefinition = tool('StoreDocument', [
  {
    name: 'document',
    required: true,
    description: 'Any JSON object',
    value_schema: { val_type: 'json' },
  },
  { name: 'metadata', required: false, value_schema: { val_type: 'json', properties: {} } },
  { name: 'rows', required: false, value_schema: { val_type: 'array', inner_val_type: 'json' } },
]);

export const noParameters: ToolDefinition = tool('Ping', []);

export const handWrittenDefinitions: readonly ToolDefinition[] = [
  sendEmail,
  measure,
  storeDocument,
  noParameters,
];
