'use client';

import { isAuthorizationRequired } from '@toolgrant/ai-sdk';
import { AuthorizationCard, type ToolApprovalResponse } from '@toolgrant/react';
import { type DynamicToolUIPart, getToolName, type ToolUIPart } from 'ai';

// One tool call as the user sees it: its name and input, then running, the authorization card
// (from @toolgrant/react), the result or the error.

export function ToolCall({
  part,
  onApproval,
}: {
  part: ToolUIPart | DynamicToolUIPart;
  onApproval: (response: ToolApprovalResponse) => void | PromiseLike<void>;
}) {
  const toolName = getToolName(part);

  return (
    <div className="tool-call" data-state={part.state}>
      <div className="tool-call-header">
        <code>{toolName}</code>
        <span className="tool-state">{describeState(part)}</span>
      </div>
      {part.input !== undefined && Object.keys(part.input ?? {}).length > 0 && (
        <pre className="tool-input">{JSON.stringify(part.input, null, 2)}</pre>
      )}
      {part.state === 'approval-requested' && (
        <AuthorizationCard part={part} addToolApprovalResponse={onApproval} />
      )}
      {part.state === 'output-available' && <ToolOutput output={part.output} />}
      {part.state === 'output-error' && (
        <p className="tool-error" role="alert">
          {part.errorText}
        </p>
      )}
      {part.state === 'output-denied' && (
        <p className="tool-error">
          Not run: {part.approval.reason ?? 'the authorization was cancelled.'}
        </p>
      )}
    </div>
  );
}

function describeState(part: ToolUIPart | DynamicToolUIPart): string {
  switch (part.state) {
    case 'input-streaming':
    case 'input-available':
    case 'approval-responded':
      return 'running…';
    case 'approval-requested':
      return 'needs authorization';
    case 'output-available':
      return isAuthorizationRequired(part) ? 'needs authorization' : 'done';
    case 'output-error':
      return 'failed';
    case 'output-denied':
      return 'cancelled';
    default:
      return '';
  }
}

function ToolOutput({ output }: { output: unknown }) {
  const result = output as { status?: string; value?: unknown; error?: { message?: string } };
  if (result?.status === 'error') {
    return (
      <p className="tool-error" role="alert">
        {result.error?.message ?? 'The tool failed.'}
      </p>
    );
  }
  if (result?.status === 'authorization_required') {
    return <p className="tool-note">Waiting for the authorization; ask again once approved.</p>;
  }
  return (
    <details className="tool-output">
      <summary>Result</summary>
      <pre>{JSON.stringify(result?.value ?? output, null, 2)}</pre>
    </details>
  );
}
