import type {
  McpToolDefinition,
  ToolClient,
  ToolDefinition,
  ToolgrantSession,
} from '@toolgrant/core';
import type { ToolgrantTool } from './toolgrant-tool.js';

// What each built tool was made from, for `authorizationApproval`, which the AI SDK hands only
// the tool set and the call. It travels on the tool object itself, under a `Symbol.for` key
// that is not enumerable: the tool stays the plain object the AI SDK expects, nothing here is
// ever serialized, and a second copy of this package reads it too. Its state lives and dies
// with the tool set the caller holds.
//
// The approval step also hands its user (from `authorizationApproval({ userId })`) to the
// execution of the same call, by tool call id: the AI SDK passes `execute` no run context but
// the tool's own `toolsContext` entry. The AI SDK re-runs the approval step right before it
// executes an approved call, so a hand-over is needed only for moments: older ones are dropped.

/** What a built tool was made from, kept on the tool itself for `authorizationApproval`. */
export interface ToolOrigin {
  /** Undefined for an MCP tool. */
  client: ToolClient | undefined;
  definition: ToolDefinition | McpToolDefinition;
  userId: string | undefined;
  session: ToolgrantSession;
  /** User ids the approval step resolved, by tool call id, until the call executes. */
  approvedUsers: Map<string, { userId: string; at: number }>;
}

// Calls that were never approved leave an entry behind; the oldest go past this many.
const maxApprovedUsers = 1_000;
const handOverLifetimeMs = 60_000;

const originKey = Symbol.for('toolgrant.ai-sdk.ToolOrigin');

/** Stores a tool's origin on the tool object, under a non-enumerable `Symbol.for` key. */
export function rememberToolOrigin(
  tool: ToolgrantTool,
  origin: Omit<ToolOrigin, 'approvedUsers'>,
): void {
  Object.defineProperty(tool, originKey, {
    value: { ...origin, approvedUsers: new Map() } satisfies ToolOrigin,
    enumerable: false,
  });
}

/** The origin a tool was built from, or undefined for a tool this package did not build. */
export function toolOriginOf(tool: unknown): ToolOrigin | undefined {
  if (typeof tool !== 'object' || tool === null || !Object.hasOwn(tool, originKey)) {
    return undefined;
  }
  return (tool as { [originKey]: ToolOrigin })[originKey];
}

/** Hands the user the approval step resolved to the execution of the same tool call. */
export function handOverUser({
  origin,
  toolCallId,
  userId,
}: {
  origin: ToolOrigin;
  toolCallId: string;
  userId: string;
}): void {
  const { approvedUsers } = origin;
  approvedUsers.delete(toolCallId);
  approvedUsers.set(toolCallId, { userId, at: Date.now() });
  if (approvedUsers.size > maxApprovedUsers) {
    const oldest = approvedUsers.keys().next().value;
    if (oldest !== undefined) approvedUsers.delete(oldest);
  }
}

/** The user handed over for this tool call, taken once; undefined if none or it is too old. */
export function takeHandedOverUser({
  tool,
  toolCallId,
}: {
  tool: ToolgrantTool;
  toolCallId: string;
}): string | undefined {
  const approvedUsers = toolOriginOf(tool)?.approvedUsers;
  const handedOver = approvedUsers?.get(toolCallId);
  approvedUsers?.delete(toolCallId);
  if (!handedOver || Date.now() - handedOver.at > handOverLifetimeMs) return undefined;
  return handedOver.userId;
}
