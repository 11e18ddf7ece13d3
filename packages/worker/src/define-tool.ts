import { describeValue } from '@toolgrant/core/internal';
import type { z } from 'zod/v4';
import type { AuthRequirement } from './auth.js';
import { toToolParameters, toValueSchema } from './to-value-schema.js';
import type { ToolContext } from './tool-context.js';
import { ToolDefinitionError } from './tool-definition-error.js';

// A tool as its author writes it: a Zod input schema, optional output schema, the user
// authorization and secrets it needs, and execute(). Everything is checked here, so a broken
// definition fails when the module loads, naming the tool and the field.

type ZodObjectSchema = z.core.$ZodObject;
type ZodSchema = z.core.$ZodType;

/** Hints for policies and clients, served as the definition's `metadata`. */
export interface ToolMetadata {
  /** Only reads; changes nothing. */
  readOnly?: boolean;
  /** Can destroy data irreversibly. */
  destructive?: boolean;
  /** Calling twice with the same input has the effect of calling once. */
  idempotent?: boolean;
  /** Talks to systems outside the engine. */
  openWorld?: boolean;
  /** What it does, for example `['read']` or `['create', 'update']`. */
  operations?: readonly string[];
  serviceDomains?: readonly string[];
  /** Free-form keys for your own policies. */
  extras?: Readonly<Record<string, unknown>>;
}

/** What a tool needs from its caller: the user's credential for `auth`, and `secrets`. */
export interface ToolRequirements<Secret extends string = string> {
  readonly name: string;
  readonly auth: AuthRequirement | undefined;
  readonly secrets: readonly Secret[];
}

/** What a tool's execute() may return: its output schema's input type, else anything. */
export type ToolOutputValue<Output extends ZodSchema | undefined> = Output extends ZodSchema
  ? z.input<Output>
  : unknown;

/** A tool as defined: its name, schemas, requirements and execute(). */
export interface Tool<
  Input extends ZodObjectSchema = ZodObjectSchema,
  Output extends ZodSchema | undefined = ZodSchema | undefined,
  Secret extends string = string,
> extends ToolRequirements<Secret> {
  readonly description: string;
  readonly input: Input;
  readonly output: Output;
  readonly metadata: ToolMetadata | undefined;
  readonly timeoutMs: number | undefined;
  execute(
    input: z.output<Input>,
    context: ToolContext<Secret>,
  ): ToolOutputValue<Output> | Promise<ToolOutputValue<Output>>;
}

/** What `defineTool` takes: name, description, input and output schemas, requirements, execute(). */
export interface DefineToolOptions<
  Input extends ZodObjectSchema,
  Output extends ZodSchema | undefined,
  Secret extends string,
> {
  /** Unique in its toolkit: a letter, then letters, digits or '_' (at most 64). */
  name: string;
  /** What the tool does and when to use it; the model chooses tools by this. */
  description: string;
  /** `z.object({...})`: each key is a parameter; `.describe()` texts reach the model. */
  input: Input;
  /** The value execute() returns, checked after every call when given. */
  output?: Output;
  /** The user authorization the tool needs: `oauth2({ provider, scopes })` or `apiKey({ provider })`. */
  auth?: AuthRequirement;
  /** Keys of the engine's secrets the tool reads with `context.getSecret(key)`. */
  secrets?: readonly Secret[];
  metadata?: ToolMetadata;
  /** How long one call may run before it is aborted. */
  timeoutMs?: number;
  execute(
    input: z.output<Input>,
    context: ToolContext<Secret>,
  ): ToolOutputValue<Output> | Promise<ToolOutputValue<Output>>;
}

const toolMarker = Symbol.for('toolgrant.worker.Tool');
const namePattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const secretKeyPattern = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** setTimeout's limit; a longer delay would fire at once. */
const maxTimeoutMs = 2_147_483_647;

/** Defines a tool, checking its name and schemas now rather than at the first call. */
export function defineTool<
  Input extends ZodObjectSchema,
  Output extends ZodSchema | undefined = undefined,
  const Secret extends string = never,
>(options: DefineToolOptions<Input, Output, Secret>): Tool<Input, Output, Secret> {
  if (typeof options !== 'object' || options === null) {
    throw new ToolDefinitionError({
      message: `defineTool() takes one options object ({ name, description, input, execute, ... }); got ${String(options)}.`,
    });
  }
  const {
    name,
    description,
    input,
    output,
    auth,
    secrets = [],
    metadata,
    timeoutMs,
    execute,
  } = options;

  if (typeof name !== 'string' || !namePattern.test(name)) {
    throw new ToolDefinitionError({
      message: `defineTool() got the name ${JSON.stringify(name)}; a tool name starts with a letter and has at most 64 letters, digits or '_' (for example 'ListEmails').`,
    });
  }
  if (typeof description !== 'string' || description.trim() === '') {
    throw new ToolDefinitionError({
      message: `Tool '${name}' has no description; the model picks tools by their description, so say what the tool does and when to use it.`,
    });
  }
  if (!isZodSchema(input)) {
    throw new ToolDefinitionError({
      message: `Tool '${name}': input must be a z.object({...}) from 'zod/v4'; got ${describeSchemaCandidate(input)}.`,
    });
  }
  toToolParameters({ toolName: name, input });
  if (output !== undefined) {
    if (!isZodSchema(output)) {
      throw new ToolDefinitionError({
        message: `Tool '${name}': output must be a Zod schema from 'zod/v4'; got ${describeSchemaCandidate(output)}. Leave it out if the tool's output is not checked.`,
      });
    }
    toValueSchema({ toolName: name, schema: output, path: 'output' });
  }
  checkAuth({ name, auth });
  checkSecrets({ name, secrets });
  checkMetadata({ name, metadata });
  if (
    timeoutMs !== undefined &&
    (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > maxTimeoutMs)
  ) {
    throw new ToolDefinitionError({
      message: `Tool '${name}' got timeoutMs ${JSON.stringify(timeoutMs)}; pass a whole number of milliseconds between 1 and ${maxTimeoutMs}, or leave it out for the engine's default.`,
    });
  }
  if (typeof execute !== 'function') {
    throw new ToolDefinitionError({
      message: `Tool '${name}' has no execute(input, context) function.`,
    });
  }

  const tool: Tool<Input, Output, Secret> = {
    name,
    description,
    input,
    output: output as Output,
    auth,
    secrets: Object.freeze([...secrets]),
    metadata: metadata === undefined ? undefined : Object.freeze({ ...metadata }),
    timeoutMs,
    execute,
  };
  Object.defineProperty(tool, toolMarker, { value: true });
  return Object.freeze(tool);
}

/** Whether `value` was made by `defineTool` (from any copy of this package). */
export function isTool(value: unknown): value is Tool {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[toolMarker] === true
  );
}

function isZodSchema(value: unknown): value is ZodSchema {
  return (
    typeof value === 'object' &&
    value !== null &&
    '_zod' in value &&
    typeof (value as { _zod?: { def?: unknown } })._zod?.def === 'object'
  );
}

/** What was passed where a Zod 4 schema belongs; a Zod 3 schema is named as such. */
function describeSchemaCandidate(value: unknown): string {
  if (typeof value === 'object' && value !== null && '_def' in value)
    return 'a Zod 3 schema (import z from "zod/v4")';
  return describeValue(value);
}

function checkAuth({ name, auth }: { name: string; auth: unknown }): void {
  if (auth === undefined) return;
  const type = (auth as { type?: unknown } | null)?.type;
  const provider = (auth as { provider?: unknown } | null)?.provider;
  if ((type !== 'oauth2' && type !== 'api_key') || typeof provider !== 'string') {
    throw new ToolDefinitionError({
      message: `Tool '${name}' got auth ${JSON.stringify(auth)}; build it with oauth2({ provider, scopes }) or apiKey({ provider }) from '@toolgrant/worker'.`,
    });
  }
}

function checkSecrets({ name, secrets }: { name: string; secrets: unknown }): void {
  if (!Array.isArray(secrets)) {
    throw new ToolDefinitionError({
      message: `Tool '${name}' got secrets ${JSON.stringify(secrets)}; pass an array of secret keys, for example ['WEATHER_API_KEY'].`,
    });
  }
  const seen = new Set<string>();
  for (const key of secrets) {
    if (typeof key !== 'string' || !secretKeyPattern.test(key)) {
      throw new ToolDefinitionError({
        message: `Tool '${name}' declares the secret key ${JSON.stringify(key)}; a secret key is a letter or '_' followed by letters, digits or '_' (for example 'WEATHER_API_KEY').`,
      });
    }
    if (seen.has(key)) {
      throw new ToolDefinitionError({
        message: `Tool '${name}' declares the secret '${key}' twice; list each key once.`,
      });
    }
    seen.add(key);
  }
}

const booleanHints = ['readOnly', 'destructive', 'idempotent', 'openWorld'] as const;

function checkMetadata({ name, metadata }: { name: string; metadata: unknown }): void {
  if (metadata === undefined) return;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new ToolDefinitionError({
      message: `Tool '${name}' got metadata ${JSON.stringify(metadata)}; pass an object such as { readOnly: true }.`,
    });
  }
  const hints = metadata as Record<string, unknown>;
  for (const hint of booleanHints) {
    if (hints[hint] !== undefined && typeof hints[hint] !== 'boolean') {
      throw new ToolDefinitionError({
        message: `Tool '${name}' got metadata.${hint} ${JSON.stringify(hints[hint])}; it is true or false.`,
      });
    }
  }
  for (const list of ['operations', 'serviceDomains'] as const) {
    const value = hints[list];
    if (
      value !== undefined &&
      (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    ) {
      throw new ToolDefinitionError({
        message: `Tool '${name}' got metadata.${list} ${JSON.stringify(value)}; pass an array of strings.`,
      });
    }
  }
  if (hints.readOnly === true && hints.destructive === true) {
    throw new ToolDefinitionError({
      message: `Tool '${name}' is marked both readOnly and destructive in its metadata; a tool that only reads cannot destroy data. Set one of them to false.`,
    });
  }
}
