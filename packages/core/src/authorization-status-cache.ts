import type { ToolClient } from './tool-client.js';

// Which tools a user is known to have authorized, per client. Filled by `loadTools({ userId })`
// (the engine's `token_status`) and by successful runs; emptied when the engine refuses a run.
// A definition's own `token_status` is never trusted: definitions are shared between users.

const statusesByClient = new WeakMap<ToolClient, Map<string, Set<string>>>();

function toolsOf(client: ToolClient, userId: string, create: boolean): Set<string> | undefined {
  let byUser = statusesByClient.get(client);
  if (!byUser) {
    if (!create) return undefined;
    byUser = new Map();
    statusesByClient.set(client, byUser);
  }
  let tools = byUser.get(userId);
  if (!tools && create) {
    tools = new Set();
    byUser.set(userId, tools);
  }
  return tools;
}

export function isKnownAuthorized({
  client,
  userId,
  toolName,
}: {
  client: ToolClient;
  userId: string;
  toolName: string;
}): boolean {
  return toolsOf(client, userId, false)?.has(toolName) ?? false;
}

export function rememberAuthorized({
  client,
  userId,
  toolName,
}: {
  client: ToolClient;
  userId: string;
  toolName: string;
}): void {
  toolsOf(client, userId, true)?.add(toolName);
}

export function forgetAuthorized({
  client,
  userId,
  toolName,
}: {
  client: ToolClient;
  userId?: string;
  toolName?: string;
}): void {
  const byUser = statusesByClient.get(client);
  if (!byUser) return;
  if (userId === undefined) {
    if (toolName === undefined) byUser.clear();
    else for (const tools of byUser.values()) tools.delete(toolName);
    return;
  }
  if (toolName === undefined) byUser.delete(userId);
  else byUser.get(userId)?.delete(toolName);
}
