import type { ToolClient, ToolDefinition } from '@toolgrant/core';
import type { ToolgrantTool } from './toolgrant-tool.js';

// What each built tool was made from, for `authorizationApproval`, which the AI SDK hands only
// the tool set and the call. Kept beside the tool object, not on it: the tool stays the plain
// object the AI SDK expects, and nothing here is ever serialized.
//
// The approval step also hands its user (from `authorizationApproval({ userId })`) to the
// execution of the same call, by tool call id: the AI SDK passes `execute` no run context but
// the tool's own `toolsContext` entry. The AI SDK re-runs the approval step right before it
// executes an approved call, so a hand-over is needed only for moments: older ones are dropped.

export interface ToolOrigin {
  client: ToolClient;
  definition: ToolDefinition;
  userId: string | undefined;
  /** User ids the approval step resolved, by tool call id, until the call executes. */
  approvedUsers: Map<string, { userId: string; at: number }>;
}

// Calls that were never approved leave an entry behind; the oldest go past this many.
const maxApprovedUsers = 1_000;
const handOverLifetimeMs = 60_000;

const origins = new WeakMap<object, ToolOrigin>();

export function rememberToolOrigin(
  tool: ToolgrantTool,
  origin: Omit<ToolOrigin, 'approvedUsers'>,
): void {
  origins.set(tool, { ...origin, approvedUsers: new Map() });
}

export function toolOriginOf(tool: unknown): ToolOrigin | undefined {
  return typeof tool === 'object' && tool !== null ? origins.get(tool) : undefined;
}

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

export function takeHandedOverUser({
  tool,
  toolCallId,
}: {
  tool: ToolgrantTool;
  toolCallId: string;
}): string | undefined {
  const approvedUsers = origins.get(tool)?.approvedUsers;
  const handedOver = approvedUsers?.get(toolCallId);
  approvedUsers?.delete(toolCallId);
  if (!handedOver || Date.now() - handedOver.at > handOverLifetimeMs) return undefined;
  return handedOver.userId;
}
