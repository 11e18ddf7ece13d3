// Checks a tool definition that came from a server before anything is built from it, so a bad
// definition fails at load time with the tool and the field named, not later inside a model call.
// Hand-written rather than a Zod schema: it runs over whole catalogs and its messages name fields
// the way a server's maintainer reads them.
//
// Lenient where real servers are: `null` and absent optional fields are the same, unknown extra
// fields are kept, the output schema is only checked for shape (an output `array` without an
// inner type exists in the wild), and `input` or `input.parameters` may be missing (no
// parameters). Filled in: `input.parameters` (`[]`), a parameter's `required` (`false`),
// `qualified_name` (`Toolkit.Name`) and `fully_qualified_name` (`Toolkit.Name@version`).

import { describeValue } from './describe-value.js';
import { InvalidToolDefinitionError } from './invalid-tool-definition-error.js';
import type { ToolDefinition, ToolParameter, ValueSchema, ValueType } from './tool-definition.js';

const valueTypes: ReadonlySet<string> = new Set<ValueType>([
  'string',
  'integer',
  'number',
  'boolean',
  'json',
  'array',
]);
const innerValueTypes = 'string, integer, number, boolean, json';
const maxDepth = 32;

class Failure {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {}
}

type UnknownObject = Record<string, unknown>;

function isObject(value: unknown): value is UnknownObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, problem: string): never {
  throw new Failure(path, problem);
}

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') {
    fail(path, `expected a non-empty string, received ${describeValue(value)}`);
  }
  return value;
}

function optionalString(value: unknown, path: string): void {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    fail(path, `expected a string or null, received ${describeValue(value)}`);
  }
}

function optionalBoolean(value: unknown, path: string): void {
  if (value !== undefined && value !== null && typeof value !== 'boolean') {
    fail(path, `expected true, false or null, received ${describeValue(value)}`);
  }
}

function hasKeys(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const _ in value) return true;
  return false;
}

function checkEnum(values: unknown, path: string): void {
  if (!Array.isArray(values)) {
    fail(path, `expected a list of strings or null, received ${describeValue(values)}`);
  }
  if (values.length === 0) {
    fail(path, 'an enum must list at least one value; use null for "any string"');
  }
  for (let index = 0; index < values.length; index++) {
    if (typeof values[index] !== 'string') {
      fail(
        `${path}[${index}]`,
        `enum values must be strings, received ${describeValue(values[index])}`,
      );
    }
  }
}

function checkProperties(properties: unknown, path: string, depth: number): void {
  if (!isObject(properties)) {
    fail(
      path,
      `expected an object of property schemas or null, received ${describeValue(properties)}`,
    );
  }
  for (const key in properties) {
    const propertyPath = `${path}.${key}`;
    if (key === '') fail(path, 'a property name must not be empty');
    const property = properties[key];
    if (!isObject(property)) {
      fail(propertyPath, `expected a value schema object, received ${describeValue(property)}`);
    }
    optionalBoolean(property.required, `${propertyPath}.required`);
    checkValueSchema(property, propertyPath, depth + 1);
  }
}

function checkValueSchema(schema: UnknownObject, path: string, depth: number): void {
  if (depth > maxDepth) fail(path, `nested more than ${maxDepth} levels deep`);
  const valueType = schema.val_type;
  if (typeof valueType !== 'string' || !valueTypes.has(valueType)) {
    fail(
      `${path}.val_type`,
      `unknown type ${describeValue(valueType)} (expected one of string, integer, number, boolean, json, array)`,
    );
  }
  optionalString(schema.description, `${path}.description`);
  const innerType = schema.inner_val_type;
  const enumValues = schema.enum;
  const hasEnum = enumValues !== undefined && enumValues !== null;

  if (valueType === 'array') {
    if (innerType === undefined || innerType === null) {
      fail(path, `an array needs inner_val_type (one of ${innerValueTypes})`);
    }
    if (typeof innerType !== 'string' || !valueTypes.has(innerType) || innerType === 'array') {
      fail(
        `${path}.inner_val_type`,
        `unknown item type ${describeValue(innerType)} (expected one of ${innerValueTypes}; arrays of arrays are not supported)`,
      );
    }
    if (hasEnum) {
      if (innerType !== 'string') {
        fail(`${path}.enum`, `an enum applies to strings, but the items are ${innerType}`);
      }
      checkEnum(enumValues, `${path}.enum`);
    }
    if (schema.inner_properties !== undefined && schema.inner_properties !== null) {
      if (innerType !== 'json' && hasKeys(schema.inner_properties)) {
        fail(
          `${path}.inner_properties`,
          `inner_properties describe objects, but the items are ${innerType}; set inner_val_type to json`,
        );
      }
      checkProperties(schema.inner_properties, `${path}.inner_properties`, depth);
    }
  } else {
    if (innerType !== undefined && innerType !== null) {
      fail(`${path}.inner_val_type`, `only an array has an item type, but this is ${valueType}`);
    }
    if (hasEnum) {
      if (valueType !== 'string') {
        fail(`${path}.enum`, `an enum applies to strings, but this is ${valueType}`);
      }
      checkEnum(enumValues, `${path}.enum`);
    }
    if (hasKeys(schema.inner_properties)) {
      fail(
        `${path}.inner_properties`,
        `inner_properties belong to an array of json, but this is ${valueType}`,
      );
    }
  }

  if (schema.properties !== undefined && schema.properties !== null) {
    if (valueType !== 'json' && hasKeys(schema.properties)) {
      fail(`${path}.properties`, `properties describe a json object, but this is ${valueType}`);
    }
    checkProperties(schema.properties, `${path}.properties`, depth);
  }
}

function parseParameters(input: unknown): ToolParameter[] {
  if (input === undefined || input === null) return [];
  if (!isObject(input))
    fail('input', `expected an object or null, received ${describeValue(input)}`);
  const parameters = input.parameters;
  if (parameters === undefined || parameters === null) return [];
  if (!Array.isArray(parameters)) {
    fail(
      'input.parameters',
      `expected a list of parameters, received ${describeValue(parameters)}`,
    );
  }
  const seen = new Set<string>();
  const parsed: ToolParameter[] = new Array(parameters.length);
  for (let index = 0; index < parameters.length; index++) {
    const parameter: unknown = parameters[index];
    let path = `input.parameters[${index}]`;
    if (!isObject(parameter))
      fail(path, `expected a parameter object, received ${describeValue(parameter)}`);
    const name = requireString(parameter.name, `${path}.name`);
    path = `${path} (${JSON.stringify(name)})`;
    if (seen.has(name)) fail(`${path}.name`, `duplicate parameter name ${JSON.stringify(name)}`);
    seen.add(name);
    optionalBoolean(parameter.required, `${path}.required`);
    optionalString(parameter.description, `${path}.description`);
    optionalBoolean(parameter.inferrable, `${path}.inferrable`);
    const valueSchema = parameter.value_schema;
    if (!isObject(valueSchema)) {
      fail(
        `${path}.value_schema`,
        `expected a value schema object, received ${describeValue(valueSchema)}`,
      );
    }
    checkValueSchema(valueSchema, `${path}.value_schema`, 0);
    parsed[index] = {
      ...(parameter as unknown as ToolParameter),
      required: parameter.required === true,
      value_schema: valueSchema as unknown as ValueSchema,
    };
  }
  return parsed;
}

function checkOutput(output: unknown): void {
  if (output === undefined || output === null) return;
  if (!isObject(output))
    fail('output', `expected an object or null, received ${describeValue(output)}`);
  optionalString(output.description, 'output.description');
  const valueSchema = output.value_schema;
  if (valueSchema === undefined || valueSchema === null) return;
  if (!isObject(valueSchema) || typeof valueSchema.val_type !== 'string') {
    fail(
      'output.value_schema',
      `expected an object with a string val_type, received ${describeValue(valueSchema)}`,
    );
  }
}

function checkRequirements(requirements: unknown): void {
  if (requirements === undefined || requirements === null) return;
  if (!isObject(requirements)) {
    fail('requirements', `expected an object or null, received ${describeValue(requirements)}`);
  }
  const authorization = requirements.authorization;
  if (authorization !== undefined && authorization !== null && !isObject(authorization)) {
    fail(
      'requirements.authorization',
      `expected an object or null, received ${describeValue(authorization)}`,
    );
  }
  const secrets = requirements.secrets;
  if (secrets === undefined || secrets === null) return;
  if (!Array.isArray(secrets)) {
    fail('requirements.secrets', `expected a list or null, received ${describeValue(secrets)}`);
  }
  for (let index = 0; index < secrets.length; index++) {
    const secret: unknown = secrets[index];
    if (!isObject(secret)) {
      fail(
        `requirements.secrets[${index}]`,
        `expected an object, received ${describeValue(secret)}`,
      );
    }
    requireString(secret.key, `requirements.secrets[${index}].key`);
  }
}

/**
 * Checks a tool definition from a server (`/v1/tools`) and returns it with defaults filled in.
 * Throws `InvalidToolDefinitionError` naming the tool and the field when it is unusable.
 */
export function parseToolDefinition(value: unknown): ToolDefinition {
  let toolName: string | undefined;
  try {
    if (!isObject(value)) fail('', `expected an object, received ${describeValue(value)}`);
    if (typeof value.qualified_name === 'string' && value.qualified_name !== '') {
      toolName = value.qualified_name;
    } else if (typeof value.name === 'string' && value.name !== '') {
      toolName = value.name;
    }
    const name = requireString(value.name, 'name');
    const toolkit = value.toolkit;
    if (!isObject(toolkit))
      fail('toolkit', `expected an object, received ${describeValue(toolkit)}`);
    const toolkitName = requireString(toolkit.name, 'toolkit.name');
    optionalString(toolkit.version, 'toolkit.version');
    optionalString(toolkit.description, 'toolkit.description');
    optionalString(value.description, 'description');

    let qualifiedName = `${toolkitName}.${name}`;
    if (value.qualified_name !== undefined && value.qualified_name !== null) {
      qualifiedName = requireString(value.qualified_name, 'qualified_name');
    }
    toolName = qualifiedName;
    const version =
      typeof toolkit.version === 'string' && toolkit.version !== '' ? toolkit.version : undefined;
    let fullyQualifiedName = version === undefined ? qualifiedName : `${qualifiedName}@${version}`;
    if (value.fully_qualified_name !== undefined && value.fully_qualified_name !== null) {
      fullyQualifiedName = requireString(value.fully_qualified_name, 'fully_qualified_name');
    }

    const parameters = parseParameters(value.input);
    checkOutput(value.output);
    checkRequirements(value.requirements);

    return {
      ...(value as unknown as ToolDefinition),
      name,
      qualified_name: qualifiedName,
      fully_qualified_name: fullyQualifiedName,
      input: { ...(isObject(value.input) ? value.input : {}), parameters },
    };
  } catch (error) {
    if (error instanceof Failure) {
      throw new InvalidToolDefinitionError({ toolName, path: error.path, problem: error.problem });
    }
    throw error;
  }
}
