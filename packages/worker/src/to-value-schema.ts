import type { PropertySchema, ToolParameter, ValueSchema } from '@toolgrant/core';
import { z } from 'zod/v4';
import { ToolDefinitionError } from './tool-definition-error.js';

// Derives the Arcade value schemas the engine serves from an author's Zod schema. Value schemas
// describe strings, numbers, booleans, enums of strings, objects and arrays; anything the model
// could not be told about (unions, tuples, transforms, ...) is refused here, at definition time,
// with the tool and field named and what to write instead.

type ZodSchema = z.core.$ZodType;

interface Described {
  schema: ZodSchema;
  /** The key may be left out, or sent as null. */
  optional: boolean;
  description: string | undefined;
  inferrable: boolean | undefined;
}

const integerFormats = new Set(['safeint', 'int32', 'uint32']);

export function toToolParameters({
  toolName,
  input,
}: {
  toolName: string;
  input: ZodSchema;
}): ToolParameter[] {
  const { schema } = unwrap({ schema: input, toolName, path: '(input)' });
  if (schema._zod.def.type !== 'object') {
    throw new ToolDefinitionError({
      message: `Tool '${toolName}': input must be a z.object({...}) whose keys are the tool's parameters; got a ${schema._zod.def.type} schema.`,
    });
  }
  const shape = (schema as z.core.$ZodObject)._zod.def.shape;
  return Object.entries(shape).map(([name, fieldSchema]) => {
    const field = unwrap({ schema: fieldSchema, toolName, path: name });
    return {
      name,
      required: !field.optional,
      description: field.description ?? null,
      inferrable: field.inferrable ?? true,
      value_schema: convert({ field, toolName, path: name }),
    };
  });
}

export function toValueSchema({
  toolName,
  schema,
  path,
}: {
  toolName: string;
  schema: ZodSchema;
  /** Where the schema sits, for error messages: `output`, `filters.labels`, ... */
  path: string;
}): { valueSchema: ValueSchema; description: string | undefined } {
  const field = unwrap({ schema, toolName, path });
  return { valueSchema: convert({ field, toolName, path }), description: field.description };
}

function fail({
  toolName,
  path,
  problem,
  instead,
}: {
  toolName: string;
  path: string;
  problem: string;
  instead: string;
}): never {
  throw new ToolDefinitionError({
    message: `Tool '${toolName}', field '${path}': ${problem}, which a tool definition cannot describe to the model. ${instead}`,
  });
}

function metaOf(schema: ZodSchema): { description?: unknown; inferrable?: unknown } | undefined {
  return z.globalRegistry.get(schema) as
    | { description?: unknown; inferrable?: unknown }
    | undefined;
}

/** Peels optional/nullable/default/... wrappers, keeping the outermost description. */
function unwrap({
  schema,
  toolName,
  path,
}: {
  schema: ZodSchema;
  toolName: string;
  path: string;
}): Described {
  let current = schema;
  let optional = false;
  let description: string | undefined;
  let inferrable: boolean | undefined;
  for (;;) {
    const meta = metaOf(current);
    if (description === undefined && typeof meta?.description === 'string') {
      description = meta.description;
    }
    if (inferrable === undefined && typeof meta?.inferrable === 'boolean') {
      inferrable = meta.inferrable;
    }
    const def = current._zod.def;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
        optional = true;
        current = (def as unknown as { innerType: ZodSchema }).innerType;
        continue;
      case 'nonoptional':
        optional = false;
        current = (def as z.core.$ZodNonOptionalDef).innerType;
        continue;
      case 'readonly':
        current = (def as z.core.$ZodReadonlyDef).innerType;
        continue;
      case 'pipe': {
        const pipeDef = def as z.core.$ZodPipeDef;
        const isCodec = typeof (pipeDef as { transform?: unknown }).transform === 'function';
        if (
          isCodec ||
          pipeDef.in._zod.def.type === 'transform' ||
          pipeDef.out._zod.def.type === 'transform'
        ) {
          fail({
            toolName,
            path,
            problem:
              'it uses a transform (.transform(), z.preprocess(), z.codec() or z.stringbool())',
            instead:
              'Declare the plain type the model sends (z.string(), z.boolean(), z.coerce.number(), ...) and convert the value inside execute().',
          });
        }
        // The model sends what the pipe's input accepts.
        current = pipeDef.in;
        continue;
      }
      case 'union': {
        const options = (def as z.core.$ZodUnionDef).options;
        const nonNull = options.filter((option) => option._zod.def.type !== 'null');
        if (nonNull.length === 1 && nonNull.length < options.length) {
          // `z.union([X, z.null()])` is a nullable X.
          optional = true;
          current = nonNull[0]!;
          continue;
        }
        return { schema: current, optional, description, inferrable };
      }
      default:
        return { schema: current, optional, description, inferrable };
    }
  }
}

function convert({
  field,
  toolName,
  path,
}: {
  field: Described;
  toolName: string;
  path: string;
}): ValueSchema {
  const scalar = convertScalar({ schema: field.schema, toolName, path });
  if (scalar) return scalar;

  const def = field.schema._zod.def;
  switch (def.type) {
    case 'object':
      return {
        val_type: 'json',
        properties: convertProperties({ schema: field.schema, toolName, path }),
      };
    case 'record':
      checkRecordKey({ def: def as z.core.$ZodRecordDef, toolName, path });
      return { val_type: 'json' };
    case 'array': {
      const itemPath = `${path}[]`;
      const item = unwrap({
        schema: (def as z.core.$ZodArrayDef).element,
        toolName,
        path: itemPath,
      });
      const itemScalar = convertScalar({ schema: item.schema, toolName, path: itemPath });
      if (itemScalar) {
        return {
          val_type: 'array',
          inner_val_type: itemScalar.val_type as Exclude<ValueSchema['val_type'], 'array'>,
          ...(itemScalar.enum ? { enum: itemScalar.enum } : {}),
        };
      }
      const itemDef = item.schema._zod.def;
      if (itemDef.type === 'object') {
        return {
          val_type: 'array',
          inner_val_type: 'json',
          inner_properties: convertProperties({ schema: item.schema, toolName, path: itemPath }),
        };
      }
      if (itemDef.type === 'record') {
        checkRecordKey({ def: itemDef as z.core.$ZodRecordDef, toolName, path: itemPath });
        return { val_type: 'array', inner_val_type: 'json' };
      }
      if (itemDef.type === 'array') {
        return fail({
          toolName,
          path: itemPath,
          problem: 'it is an array of arrays',
          instead:
            'Use an array of objects, for example z.array(z.object({ values: z.array(...) })).',
        });
      }
      return unsupported({ schema: item.schema, toolName, path: itemPath });
    }
    default:
      return unsupported({ schema: field.schema, toolName, path });
  }
}

function convertProperties({
  schema,
  toolName,
  path,
}: {
  schema: ZodSchema;
  toolName: string;
  path: string;
}): Record<string, PropertySchema> {
  const shape = (schema as z.core.$ZodObject)._zod.def.shape;
  const properties: Record<string, PropertySchema> = {};
  for (const [key, propertySchema] of Object.entries(shape)) {
    const propertyPath = `${path}.${key}`;
    const property = unwrap({ schema: propertySchema, toolName, path: propertyPath });
    properties[key] = {
      ...convert({ field: property, toolName, path: propertyPath }),
      required: !property.optional,
      description: property.description ?? null,
    };
  }
  return properties;
}

/** Strings, numbers, booleans and enums of strings; undefined for anything else. */
function convertScalar({
  schema,
  toolName,
  path,
}: {
  schema: ZodSchema;
  toolName: string;
  path: string;
}): ValueSchema | undefined {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
    case 'template_literal':
      return { val_type: 'string' };
    case 'boolean':
      return { val_type: 'boolean' };
    case 'number':
      return { val_type: isInteger(def as z.core.$ZodNumberDef) ? 'integer' : 'number' };
    case 'enum': {
      const values = Object.values((def as z.core.$ZodEnumDef).entries);
      return { val_type: 'string', enum: stringChoices({ values, toolName, path }) };
    }
    case 'literal': {
      const values = (def as z.core.$ZodLiteralDef<z.core.util.Literal>).values;
      return { val_type: 'string', enum: stringChoices({ values, toolName, path }) };
    }
    case 'union': {
      // A union of string literals / enums is an enum; any other union is refused below.
      const values: unknown[] = [];
      for (const option of (def as z.core.$ZodUnionDef).options) {
        const optionDef = option._zod.def;
        if (optionDef.type === 'literal') {
          values.push(...(optionDef as z.core.$ZodLiteralDef<z.core.util.Literal>).values);
        } else if (optionDef.type === 'enum') {
          values.push(...Object.values((optionDef as z.core.$ZodEnumDef).entries));
        } else {
          return undefined;
        }
      }
      if (!values.every((value) => typeof value === 'string')) return undefined;
      return { val_type: 'string', enum: [...new Set(values as string[])] };
    }
    default:
      return undefined;
  }
}

function isInteger(def: z.core.$ZodNumberDef): boolean {
  const format = (def as { format?: string }).format;
  if (format !== undefined && integerFormats.has(format)) return true;
  return (def.checks ?? []).some((check) => {
    const checkDef = check._zod.def as { check: string; format?: string };
    return (
      checkDef.check === 'number_format' &&
      checkDef.format !== undefined &&
      integerFormats.has(checkDef.format)
    );
  });
}

function stringChoices({
  values,
  toolName,
  path,
}: {
  values: readonly unknown[];
  toolName: string;
  path: string;
}): string[] {
  if (!values.every((value) => typeof value === 'string')) {
    return fail({
      toolName,
      path,
      problem: `it is a choice of non-string values (${values.map((value) => JSON.stringify(value)).join(', ')})`,
      instead:
        'Use z.enum([...]) of strings (map them to numbers inside execute()), z.boolean(), or z.number().',
    });
  }
  return [...(values as string[])];
}

function checkRecordKey({
  def,
  toolName,
  path,
}: {
  def: z.core.$ZodRecordDef;
  toolName: string;
  path: string;
}): void {
  const key = unwrap({ schema: def.keyType, toolName, path: `${path} (key)` }).schema;
  if (convertScalar({ schema: key, toolName, path })?.val_type !== 'string') {
    fail({
      toolName,
      path,
      problem: `it is a record with ${key._zod.def.type} keys`,
      instead: 'JSON object keys are strings: use z.record(z.string(), ...).',
    });
  }
}

const insteadOf: Record<string, { problem: string; instead: string }> = {
  union: {
    problem: 'it is a union',
    instead:
      'Use z.enum([...]) for a choice of strings, or one z.object({...}) with optional fields for the alternatives.',
  },
  intersection: {
    problem: 'it is an intersection',
    instead:
      'Combine the objects into one with .extend({...}) or z.object({ ...a.shape, ...b.shape }).',
  },
  tuple: {
    problem: 'it is a tuple',
    instead: 'Use z.array(...) of one item type, or a z.object({...}) with named fields.',
  },
  date: {
    problem: 'it is a z.date()',
    instead: 'Use z.iso.datetime() or z.iso.date() (an ISO string) and parse it inside execute().',
  },
  bigint: {
    problem: 'it is a z.bigint()',
    instead: 'Use z.int() if the values fit in a JavaScript number, or z.string() and parse it.',
  },
  lazy: {
    problem: 'it is a recursive z.lazy() schema',
    instead:
      'Describe a fixed depth of nesting, or use z.record(z.string(), z.unknown()) for free-form JSON.',
  },
  any: {
    problem: 'it is z.any()',
    instead: 'Give it a type; use z.record(z.string(), z.unknown()) for a free-form JSON object.',
  },
  unknown: {
    problem: 'it is z.unknown()',
    instead: 'Give it a type; use z.record(z.string(), z.unknown()) for a free-form JSON object.',
  },
};

function unsupported({
  schema,
  toolName,
  path,
}: {
  schema: ZodSchema;
  toolName: string;
  path: string;
}): never {
  const type = schema._zod.def.type;
  const known = insteadOf[type];
  return fail({
    toolName,
    path,
    problem: known?.problem ?? `it is a ${type} schema`,
    instead:
      known?.instead ??
      'Use z.string(), z.number(), z.int(), z.boolean(), z.enum([...]), z.object({...}), z.record(z.string(), ...) or z.array(...).',
  });
}
