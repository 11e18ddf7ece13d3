// The Zod schema and the plain JSON Schema of a tool must accept and reject the same inputs:
// adapters hand one or the other to a framework, and `validateToolInput` checks with Zod what
// the model was shown as JSON Schema. Ajv (draft 2020-12) is the oracle for the JSON Schema.
// Inputs are derived from each definition: valid ones, and mutations that must be rejected
// (wrong types, non-integers, out-of-enum strings, missing required keys, extra keys, nested
// violations), plus arbitrary JSON where only agreement is asserted.

import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handWrittenDefinitions } from '../test/hand-written-definitions.js';
import { loadArcadeCatalog } from '../test/load-arcade-catalog.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import { toJsonSchema } from './to-json-schema.js';
import { toZodSchema } from './to-zod-schema.js';
import type { PropertySchema, ToolDefinition, ValueSchema } from './tool-definition.js';
import { validateToolInput } from './validate-tool-input.js';
import { itemPropertiesOf, itemSchemaOf, objectPropertiesOf } from './value-schema-properties.js';

type Json = unknown;
type Arbitrary = fc.Arbitrary<Json>;
interface Field {
  key: string;
  required: boolean;
  schema: ValueSchema;
}

const definitions: ToolDefinition[] = [
  ...loadArcadeCatalog().map((item) => parseToolDefinition(item)),
  ...handWrittenDefinitions,
];

function parameterFields(definition: ToolDefinition): Field[] {
  return definition.input.parameters.map(({ name, required, value_schema }) => ({
    key: name,
    required,
    schema: value_schema,
  }));
}

function propertyFields(properties: Record<string, PropertySchema>): Field[] {
  return Object.entries(properties).map(([key, schema]) => ({
    key,
    required: schema.required === true,
    schema,
  }));
}

/** The fields of the object a `json` schema (or the items of an array of `json`) describes. */
function objectFieldsOf(schema: ValueSchema): Field[] | undefined {
  const properties = objectPropertiesOf(schema);
  return properties && propertyFields(properties);
}

function elementSchemaOf(schema: ValueSchema): ValueSchema {
  const properties = itemPropertiesOf(schema);
  return properties ? { val_type: 'json', properties } : itemSchemaOf(schema);
}

const scalarJson = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean());
const openObject = fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 3,
});

// Valid values.

function validValue(schema: ValueSchema): Arbitrary {
  switch (schema.val_type) {
    case 'string':
      return schema.enum ? fc.constantFrom(...schema.enum) : fc.string({ maxLength: 8 });
    case 'integer':
      return fc.oneof(fc.integer(), fc.maxSafeInteger());
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'json': {
      const fields = objectFieldsOf(schema);
      return fields ? validObject(fields) : openObject;
    }
    case 'array':
      return fc.array(validValue(elementSchemaOf(schema)), { maxLength: 3 });
  }
}

function validObject(fields: Field[]): fc.Arbitrary<Record<string, Json>> {
  const model: Record<string, Arbitrary> = {};
  for (const field of fields) model[field.key] = validValue(field.schema);
  return fc.record(model, {
    requiredKeys: fields.filter(({ required }) => required).map(({ key }) => key),
  });
}

// Invalid values: every value produced must be rejected.

const wrongTypes: Record<string, Arbitrary> = {
  string: fc.string({ maxLength: 5 }),
  integer: fc.integer(),
  fraction: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(scalarJson, { maxLength: 2 }),
  object: fc.dictionary(fc.string({ maxLength: 3 }), scalarJson, { maxKeys: 2 }),
};

const acceptedTypes: Record<ValueSchema['val_type'], string[]> = {
  string: ['string'],
  integer: ['integer'],
  number: ['integer', 'fraction'],
  boolean: ['boolean'],
  json: ['object'],
  array: ['array'],
};

function invalidValue(schema: ValueSchema): Arbitrary {
  const options: Arbitrary[] = Object.entries(wrongTypes)
    .filter(([type]) => !acceptedTypes[schema.val_type].includes(type))
    .map(([, arbitrary]) => arbitrary);
  switch (schema.val_type) {
    case 'string':
      if (schema.enum) {
        const allowed = new Set(schema.enum);
        options.push(fc.string({ maxLength: 8 }).filter((value) => !allowed.has(value)));
      }
      break;
    case 'integer':
      options.push(fc.constantFrom(2 ** 53, -(2 ** 60), 1e21));
      break;
    case 'json': {
      const fields = objectFieldsOf(schema);
      if (fields) options.push(invalidObject(fields));
      break;
    }
    case 'array': {
      const element = elementSchemaOf(schema);
      options.push(
        fc
          .tuple(fc.array(validValue(element), { maxLength: 2 }), invalidValue(element), fc.nat())
          .map(([items, bad, at]) => {
            const copy = [...items];
            copy.splice(at % (copy.length + 1), 0, bad);
            return copy;
          }),
      );
      break;
    }
  }
  return fc.oneof(...options);
}

function invalidObject(fields: Field[]): fc.Arbitrary<Record<string, Json>> {
  const valid = validObject(fields);
  const keys = new Set(fields.map(({ key }) => key));
  const options: fc.Arbitrary<Record<string, Json>>[] = [
    fc
      .tuple(valid, fc.string({ minLength: 1, maxLength: 6 }), scalarJson)
      .filter(([, key]) => !keys.has(`extra_${key}`))
      .map(([object, key, value]) => ({ ...object, [`extra_${key}`]: value })),
  ];
  for (const field of fields) {
    if (field.required) {
      options.push(
        valid.map((object) => {
          const { [field.key]: _removed, ...rest } = object;
          return rest;
        }),
      );
    }
    options.push(
      fc
        .tuple(valid, invalidValue(field.schema))
        .map(([object, bad]) => ({ ...object, [field.key]: bad })),
    );
  }
  return fc.oneof(...options);
}

// Arbitrary JSON shaped loosely like the tool's arguments: only agreement is asserted.

function looseInput(fields: Field[]): Arbitrary {
  const model: Record<string, Arbitrary> = {};
  for (const field of fields) {
    model[field.key] = fc.oneof(validValue(field.schema), fc.jsonValue({ maxDepth: 2 }));
  }
  return fc.oneof(fc.record(model, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 2 }));
}

// The strict OpenAI shape: every key present, optional ones possibly null.

function strictValue(schema: ValueSchema): Arbitrary {
  switch (schema.val_type) {
    case 'json': {
      const fields = objectFieldsOf(schema);
      return fields
        ? strictObject(fields)
        : fc.dictionary(fc.string({ maxLength: 5 }), scalarJson, { maxKeys: 3 });
    }
    case 'array':
      return fc.array(strictValue(elementSchemaOf(schema)), { maxLength: 3 });
    default:
      return validValue(schema);
  }
}

function strictObject(fields: Field[]): Arbitrary {
  const model: Record<string, Arbitrary> = {};
  for (const field of fields) {
    const value = strictValue(field.schema);
    model[field.key] = field.required ? value : fc.option(value, { nil: null });
  }
  return fc.record(model);
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value as object).some(containsNull);
}

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
const numRuns = { valid: 12, invalid: 24, loose: 8, strict: 8 };
// The hand-written definitions hold the nesting the catalog lacks: they get more runs.
const handWrittenFactor = 15;
const runsFor = (definition: ToolDefinition, runs: number) =>
  handWrittenDefinitions.includes(definition) ? runs * handWrittenFactor : runs;

// Thousands of generated inputs per run: seconds on a quiet machine, more beside the browser
// tests, so the suite has its own time limit.
describe('toZodSchema agrees with toJsonSchema(json-schema) under Ajv', { timeout: 60_000 }, () => {
  it(`covers ${definitions.length} definitions: the catalog and hand-written ones`, () => {
    expect(definitions.length).toBe(508 + handWrittenDefinitions.length);
  });

  it('accepts the same valid inputs and rejects the same invalid ones, for every definition', () => {
    let checkedInvalid = 0;
    let expectedInvalid = 0;
    for (const definition of definitions) {
      const zodSchema = toZodSchema(definition);
      const ajvValidate = ajv.compile(toJsonSchema(definition, 'json-schema'));
      const fields = parameterFields(definition);
      const label = definition.qualified_name;
      expectedInvalid += runsFor(definition, numRuns.invalid);

      fc.assert(
        fc.property(validObject(fields), (input) => {
          const zodAccepts = zodSchema.safeParse(input).success;
          const ajvAccepts = ajvValidate(input);
          expect({ label, input, zodAccepts, ajvAccepts }).toEqual({
            label,
            input,
            zodAccepts: true,
            ajvAccepts: true,
          });
        }),
        { numRuns: runsFor(definition, numRuns.valid) },
      );

      fc.assert(
        fc.property(invalidObject(fields), (input) => {
          const zodAccepts = zodSchema.safeParse(input).success;
          const ajvAccepts = ajvValidate(input);
          expect({ label, input, zodAccepts, ajvAccepts }).toEqual({
            label,
            input,
            zodAccepts: false,
            ajvAccepts: false,
          });
          checkedInvalid++;
        }),
        { numRuns: runsFor(definition, numRuns.invalid) },
      );

      fc.assert(
        fc.property(looseInput(fields), (input) => {
          expect({ label, input, zod: zodSchema.safeParse(input).success }).toEqual({
            label,
            input,
            zod: ajvValidate(input),
          });
        }),
        { numRuns: runsFor(definition, numRuns.loose) },
      );
    }
    expect(checkedInvalid).toBe(expectedInvalid);
  });

  it('rejects non-objects and unknown arguments in both, also for a tool without parameters', () => {
    for (const definition of definitions.slice(-1)) {
      const ajvValidate = ajv.compile(toJsonSchema(definition, 'json-schema'));
      for (const input of [null, [], 'x', 1, { unexpected: true }]) {
        expect(toZodSchema(definition).safeParse(input).success).toBe(false);
        expect(ajvValidate(input)).toBe(false);
      }
    }
  });
});

describe('the strict OpenAI format', () => {
  it('accepts strict-shaped inputs with nulls, and validateToolInput removes those nulls', () => {
    for (const definition of definitions) {
      const tool = toJsonSchema(definition, 'openai');
      expect(ajv.validateSchema(tool.function.parameters)).toBe(true);
      const ajvValidate = ajv.compile(tool.function.parameters);
      const label = definition.qualified_name;
      fc.assert(
        fc.property(strictObject(parameterFields(definition)), (input) => {
          expect({ label, input, accepted: ajvValidate(input) }).toEqual({
            label,
            input,
            accepted: true,
          });
          const result = validateToolInput(definition, input);
          expect(result.success).toBe(true);
          if (!result.success) return;
          expect(containsNull(result.input)).toBe(false);
          for (const parameter of definition.input.parameters) {
            const given = (input as Record<string, unknown>)[parameter.name];
            expect(Object.hasOwn(result.input, parameter.name)).toBe(given !== null);
          }
        }),
        { numRuns: runsFor(definition, numRuns.strict) },
      );
    }
  });
});
