import type {
  RequiredAuthorization,
  ToolCallFailure,
  ToolInputStandardSchema,
} from '@toolgrant/core';
import type { z } from 'zod/v4';

// The shape of every tool `toAISDKTools` builds, written out instead of taken from `ai`'s
// `Tool`: AI SDK 6 and 7 both accept it as a tool, and both infer its input, output and (in 7)
// context from it, so `InferUITools` and `toolsContext` are typed with either installed.

/** What a Toolgrant tool returns; the UI reads it, the model reads `toModelOutput` of it. */
export type ToolgrantToolOutput =
  | { status: 'completed'; value: unknown }
  | AuthorizationRequiredOutput
  | { status: 'error'; error: ToolCallFailure };

/** The user has to authorize first: show `authorization.url` to them, never to the model. */
export interface AuthorizationRequiredOutput {
  status: 'authorization_required';
  authorization: RequiredAuthorization;
}

/** Per-run values a tool reads: `toolsContext` in AI SDK 7, `experimental_context` in 6. */
export interface ToolgrantToolContext {
  /** The end user this run acts for, when the tools were not created for one user. */
  userId?: string;
}

/** A Toolgrant tool's arguments, keyed by parameter name. */
export type ToolgrantToolInput = Record<string, unknown>;

/** What the AI SDK passes to a Toolgrant tool's `execute`. */
export interface ToolgrantExecutionOptions {
  toolCallId: string;
  abortSignal?: AbortSignal | undefined;
  /** AI SDK 7: this tool's entry of the call's `toolsContext`. */
  context?: ToolgrantToolContext | undefined;
  /** AI SDK 6: the call's `experimental_context`. */
  experimental_context?: unknown;
  /** The conversation so far; an approved authorization request in it makes this call a resume. */
  messages?: unknown;
}

/** A Toolgrant tool as the AI SDK (6 and 7) takes it. */
export interface ToolgrantTool {
  description: string;
  inputSchema: ToolInputStandardSchema;
  /** Never set: it only types the context AI SDK 7 hands to `execute`. */
  contextSchema?: z.ZodType<ToolgrantToolContext | undefined>;
  execute(
    input: ToolgrantToolInput,
    options: ToolgrantExecutionOptions,
  ): Promise<ToolgrantToolOutput>;
  toModelOutput(options: {
    toolCallId: string;
    input: ToolgrantToolInput;
    output: ToolgrantToolOutput;
  }): { type: 'text'; value: string };
}

/** A `ToolSet` of Toolgrant tools, keyed by model-safe name (`Gmail_ListEmails`). */
export type ToolgrantToolSet = Record<string, ToolgrantTool>;
