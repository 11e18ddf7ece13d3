// Model-facing tool names. OpenAI, Anthropic and LangChain all require ^[a-zA-Z0-9_-]{1,64}$,
// so `Gmail.ListEmails` reaches the model as `Gmail_ListEmails` (as the Arcade client names it).
//
// Deterministic rules, in order:
// 1. every character outside a-z A-Z 0-9 _ - (the dot included) becomes `_`;
// 2. a result longer than 64 characters keeps its first 55 characters, then `_` and 8 hex digits
//    of a hash (FNV-1a, 32 bit) of the whole qualified name, so long names stay distinct.
// `fromToolName` undoes rule 1 for the usual `Toolkit.Tool` names (first `_` back to a dot); it
// cannot undo replaced characters or rule 2. Route a model's call back with `toToolNames`, which
// maps each tool name to its definition exactly and refuses collisions.

import type { ToolDefinition } from './tool-definition.js';
import { ToolNameCollisionError } from './tool-name-collision-error.js';

export const maxToolNameLength = 64;
const hashLength = 8;
const invalidCharacters = /[^a-zA-Z0-9_-]/g;

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(hashLength, '0');
}

/** `Gmail.ListEmails` -> `Gmail_ListEmails`, always within ^[a-zA-Z0-9_-]{1,64}$. */
export function toToolName(qualifiedName: string): string {
  if (qualifiedName === '') {
    throw new TypeError(
      'toToolName needs a qualified tool name such as "Gmail.ListEmails", received ""',
    );
  }
  const name = qualifiedName.replace(invalidCharacters, '_');
  if (name.length <= maxToolNameLength) return name;
  return `${name.slice(0, maxToolNameLength - hashLength - 1)}_${fnv1a(qualifiedName)}`;
}

/**
 * `Gmail_ListEmails` -> `Gmail.ListEmails`: the first `_` becomes the dot between toolkit and
 * tool. Exact for names `toToolName` left intact apart from the dot, when the toolkit name has
 * no `_`; for anything else use `toToolNames`.
 */
export function fromToolName(toolName: string): string {
  const separator = toolName.indexOf('_');
  if (separator <= 0) return toolName;
  return `${toolName.slice(0, separator)}.${toolName.slice(separator + 1)}`;
}

/**
 * The model-facing name of each definition, mapped to its definition. Throws
 * `ToolNameCollisionError` naming both tools when two would get the same name.
 */
export function toToolNames(definitions: readonly ToolDefinition[]): Map<string, ToolDefinition> {
  const byName = new Map<string, ToolDefinition>();
  for (const definition of definitions) {
    const toolName = toToolName(definition.qualified_name);
    const existing = byName.get(toolName);
    if (existing !== undefined) {
      const sameTool = existing.qualified_name === definition.qualified_name;
      throw new ToolNameCollisionError({
        toolName,
        sameTool,
        tools: sameTool
          ? [existing.fully_qualified_name, definition.fully_qualified_name]
          : [existing.qualified_name, definition.qualified_name],
      });
    }
    byName.set(toolName, definition);
  }
  return byName;
}

/** Throws `ToolNameCollisionError` when two definitions would reach the model under one name. */
export function assertUniqueToolNames(definitions: readonly ToolDefinition[]): void {
  toToolNames(definitions);
}
