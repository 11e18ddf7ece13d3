import { describe, expect, it } from 'vitest';
import { loadArcadeCatalog } from '../test/load-arcade-catalog.js';
import { InvalidToolDefinitionError } from './invalid-tool-definition-error.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import { ToolgrantError } from './toolgrant-error.js';

function listEmails(parameters: unknown[]): Record<string, unknown> {
  return {
    name: 'ListEmails',
    qualified_name: 'Gmail.ListEmails',
    fully_qualified_name: 'Gmail.ListEmails@4.1.0',
    description: 'List emails',
    toolkit: { name: 'Gmail', version: '4.1.0', description: null },
    input: { parameters },
    output: { available_modes: ['value'], value_schema: { val_type: 'json' } },
    requirements: { authorization: null, secrets: null, met: false },
  };
}

const nEmails = {
  name: 'n_emails',
  required: true,
  description: 'How many',
  value_schema: { val_type: 'integer' },
};

function errorOf(value: unknown): InvalidToolDefinitionError {
  try {
    parseToolDefinition(value);
  } catch (error) {
    if (InvalidToolDefinitionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected parseToolDefinition to throw');
}

describe('parseToolDefinition', () => {
  it('accepts all 508 definitions of the Arcade catalog', () => {
    const items = loadArcadeCatalog();
    expect(items).toHaveLength(508);
    for (const item of items) {
      const parsed = parseToolDefinition(item);
      expect(parsed.qualified_name).toBe((item as { qualified_name: string }).qualified_name);
    }
  });

  it('accepts an output array without an inner type, as Hubspot.GetAvailableIndustryTypes has', () => {
    const definition = listEmails([]);
    definition.output = { value_schema: { val_type: 'array', inner_val_type: null, enum: null } };
    expect(parseToolDefinition(definition).output?.value_schema?.val_type).toBe('array');
  });

  it('names the tool and the parameter when an input array has no inner_val_type', () => {
    const error = errorOf(
      listEmails([
        nEmails,
        { name: 'query', required: false, value_schema: { val_type: 'string' } },
        {
          name: 'labels',
          required: false,
          value_schema: { val_type: 'array', inner_val_type: null },
        },
      ]),
    );
    expect(error).toBeInstanceOf(ToolgrantError);
    expect(error.toolName).toBe('Gmail.ListEmails');
    expect(error.path).toBe('input.parameters[2] ("labels").value_schema');
    expect(error.message).toBe(
      'Tool "Gmail.ListEmails" has an invalid definition: input.parameters[2] ("labels").value_schema: an array needs inner_val_type (one of string, integer, number, boolean, json)',
    );
  });

  it('rejects an empty enum', () => {
    const error = errorOf(
      listEmails([
        { name: 'label', required: true, value_schema: { val_type: 'string', enum: [] } },
      ]),
    );
    expect(error.path).toBe('input.parameters[0] ("label").value_schema.enum');
    expect(error.message).toContain('an enum must list at least one value');
  });

  it('rejects an enum on an integer and a non-string enum value', () => {
    expect(
      errorOf(
        listEmails([
          { name: 'n', required: true, value_schema: { val_type: 'integer', enum: ['1'] } },
        ]),
      ).problem,
    ).toBe('an enum applies to strings, but this is integer');
    expect(
      errorOf(
        listEmails([
          { name: 'l', required: true, value_schema: { val_type: 'string', enum: ['a', 2] } },
        ]),
      ).path,
    ).toBe('input.parameters[0] ("l").value_schema.enum[1]');
  });

  it('rejects a duplicate parameter name', () => {
    const error = errorOf(listEmails([nEmails, { ...nEmails, required: false }]));
    expect(error.path).toBe('input.parameters[1] ("n_emails").name');
    expect(error.problem).toBe('duplicate parameter name "n_emails"');
  });

  it('rejects an unknown val_type and lists the known ones', () => {
    const error = errorOf(
      listEmails([{ name: 'when', required: true, value_schema: { val_type: 'date' } }]),
    );
    expect(error.message).toBe(
      'Tool "Gmail.ListEmails" has an invalid definition: input.parameters[0] ("when").value_schema.val_type: unknown type "date" (expected one of string, integer, number, boolean, json, array)',
    );
  });

  it('rejects an array of arrays', () => {
    const error = errorOf(
      listEmails([
        {
          name: 'rows',
          required: true,
          value_schema: { val_type: 'array', inner_val_type: 'array' },
        },
      ]),
    );
    expect(error.path).toBe('input.parameters[0] ("rows").value_schema.inner_val_type');
  });

  it('rejects a missing tool name, a missing parameter name and a missing toolkit', () => {
    const { name: _name, ...withoutName } = listEmails([]);
    const missingName = errorOf(withoutName);
    expect(missingName.path).toBe('name');
    expect(missingName.toolName).toBe('Gmail.ListEmails');
    expect(missingName.message).toBe(
      'Tool "Gmail.ListEmails" has an invalid definition: name: expected a non-empty string, received nothing',
    );

    const anonymous = errorOf({ toolkit: { name: 'Gmail' } });
    expect(anonymous.toolName).toBeUndefined();
    expect(anonymous.message).toBe(
      'A tool definition has an invalid definition: name: expected a non-empty string, received nothing',
    );

    expect(
      errorOf(listEmails([{ required: true, value_schema: { val_type: 'string' } }])).path,
    ).toBe('input.parameters[0].name');
    const { toolkit: _toolkit, ...withoutToolkit } = listEmails([]);
    expect(errorOf(withoutToolkit).path).toBe('toolkit');
    expect(errorOf('Gmail.ListEmails').message).toBe(
      'A tool definition has an invalid definition: expected an object, received "Gmail.ListEmails"',
    );
  });

  it('checks nested properties and inner_properties recursively', () => {
    const nested = errorOf(
      listEmails([
        {
          name: 'filter',
          required: true,
          value_schema: {
            val_type: 'json',
            properties: {
              from: { val_type: 'string', required: true },
              window: {
                val_type: 'json',
                required: false,
                properties: { unit: { val_type: 'string', enum: [] } },
              },
            },
          },
        },
      ]),
    );
    expect(nested.path).toBe(
      'input.parameters[0] ("filter").value_schema.properties.window.properties.unit.enum',
    );

    const items = errorOf(
      listEmails([
        {
          name: 'recipients',
          required: true,
          value_schema: {
            val_type: 'array',
            inner_val_type: 'json',
            inner_properties: { address: { val_type: 'array' } },
          },
        },
      ]),
    );
    expect(items.path).toBe(
      'input.parameters[0] ("recipients").value_schema.inner_properties.address',
    );
    expect(items.problem).toContain('an array needs inner_val_type');
  });

  it('rejects properties on a type that cannot have them', () => {
    const error = errorOf(
      listEmails([
        {
          name: 'q',
          required: true,
          value_schema: { val_type: 'string', properties: { a: { val_type: 'string' } } },
        },
      ]),
    );
    expect(error.problem).toBe('properties describe a json object, but this is string');
  });

  it('rejects definitions nested deeper than 32 levels', () => {
    let schema: Record<string, unknown> = { val_type: 'string' };
    for (let level = 0; level < 40; level++) {
      schema = { val_type: 'json', properties: { next: schema } };
    }
    const error = errorOf(listEmails([{ name: 'deep', required: true, value_schema: schema }]));
    expect(error.problem).toBe('nested more than 32 levels deep');
  });

  it('treats null and absent optional fields alike and fills defaults', () => {
    const parsed = parseToolDefinition({
      name: 'Ping',
      toolkit: { name: 'Net', version: '1.0.0' },
      description: null,
      output: null,
      requirements: null,
    });
    expect(parsed.qualified_name).toBe('Net.Ping');
    expect(parsed.fully_qualified_name).toBe('Net.Ping@1.0.0');
    expect(parsed.input.parameters).toEqual([]);

    const noRequired = parseToolDefinition(
      listEmails([
        { name: 'q', value_schema: { val_type: 'string', enum: null, inner_val_type: null } },
      ]),
    );
    expect(noRequired.input.parameters[0]?.required).toBe(false);
    expect(
      parseToolDefinition({ ...listEmails([]), input: { parameters: null } }).input.parameters,
    ).toEqual([]);
  });

  it('keeps fields it does not know and does not change the value it was given', () => {
    const raw = { ...listEmails([nEmails]), formatted_schema: { x: 1 } };
    const before = JSON.stringify(raw);
    const parsed = parseToolDefinition(raw) as unknown as Record<string, unknown>;
    expect(parsed.formatted_schema).toEqual({ x: 1 });
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('checks requirements and output shapes', () => {
    expect(errorOf({ ...listEmails([]), requirements: { secrets: [{ key: '' }] } }).path).toBe(
      'requirements.secrets[0].key',
    );
    expect(errorOf({ ...listEmails([]), output: { value_schema: { val_type: 3 } } }).path).toBe(
      'output.value_schema',
    );
  });
});
