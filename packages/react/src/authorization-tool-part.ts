// The parts of a `useChat` tool part that authorization reads, in AI SDK 6 and 7 alike: a
// static tool part (`tool-<name>`) or a dynamic one (`dynamic-tool` with `toolName`).

/** A `useChat` tool part, as far as authorization reads it (AI SDK 6 and 7). */
export interface AuthorizationToolPart {
  type: string;
  toolName?: string;
  state: string;
  approval?: { id: string; approved?: boolean; reason?: string };
  output?: unknown;
}

/** The tool's name as the model called it: `Gmail_ListEmails`. */
export function toolNameOf(part: AuthorizationToolPart): string {
  if (part.type === 'dynamic-tool' && part.toolName) return part.toolName;
  return part.type.startsWith('tool-') ? part.type.slice('tool-'.length) : part.type;
}

/** The id of the approval this part awaits; undefined in the stop-condition flow. */
export function pendingApprovalIdOf(part: AuthorizationToolPart): string | undefined {
  if (part.state !== 'approval-requested') return undefined;
  return part.approval?.approved === undefined ? part.approval?.id : undefined;
}
