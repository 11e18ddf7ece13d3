import { getAuthorizationRequest } from '@toolgrant/ai-sdk';
import type { RequiredAuthorization } from '@toolgrant/core';
import { useEffect, useRef, useState } from 'react';
import type { AuthorizationState } from './authorization-state.js';
import {
  type AuthorizationToolPart,
  pendingApprovalIdOf,
  toolNameOf,
} from './authorization-tool-part.js';
import {
  navigateAuthorizationWindow,
  openAuthorizationWindow,
  reserveAuthorizationWindow,
} from './authorization-window.js';
import {
  type AuthorizationOutcome,
  followAuthorizationStatus,
} from './follow-authorization-status.js';
import { requestNewAuthorization } from './request-new-authorization.js';
import { waitForPopupClose } from './wait-for-popup-close.js';

// One tool call that awaits the user's consent, from the card's first render to the approval
// answer. For an engine's authorization the wait is a long-poll on the app's route. An MCP
// server's consent (`authorization.mcp`) has no status to follow: the popup closing, or the
// person saying they are done (`confirm()`), answers the approval, and the retry asks the
// server, which runs the tool or asks again. Completion answers the approval exactly once (a
// ref, not state: the parent re-renders on every streamed token and passes new callbacks each
// time), and in the stop-condition flow, where nothing awaits an answer, it calls `onCompleted`
// instead.

/** Where the app mounts `createAuthorizationStatusHandler` unless told otherwise. */
export const defaultAuthorizationStatusUrl = '/api/toolgrant/authorization';

/** What the user cancelling tells the model, as the denied approval's reason. */
export const cancelledReason = 'The user cancelled the authorization.';

/** The answer `useChat`'s `addToolApprovalResponse` takes. */
export interface ToolApprovalResponse {
  id: string;
  approved: boolean;
  reason?: string;
}

/** Options of `useAuthorization` (and props of `AuthorizationCard`). */
export interface UseAuthorizationOptions {
  /** The `useChat` tool part: awaiting approval (AI SDK 7) or with an `authorization_required` output. */
  part: AuthorizationToolPart;
  /** `useChat`'s `addToolApprovalResponse`; answered once on completion, or denied on cancel. */
  addToolApprovalResponse?: (response: ToolApprovalResponse) => void | PromiseLike<void>;
  /** The app's `createAuthorizationStatusHandler` route (default `/api/toolgrant/authorization`). */
  statusUrl?: string;
  /** Called once on completion: in the stop-condition flow, send the next message here. */
  onCompleted?: () => void;
}

/** What `useAuthorization` gives the card. */
export interface UseAuthorizationResult {
  /** The authorization the part asks for (a new one after `retry()`); undefined for other parts. */
  authorization: RequiredAuthorization | undefined;
  /** The tool as the model called it: `Gmail_ListEmails`. */
  toolName: string;
  /**
   * The provider's id, or "the service" when the engine did not name one. For an MCP server's
   * consent, the host of its URL: where the person is sent.
   */
  providerName: string;
  /** An MCP server's consent: completion is the popup closing or `confirm()`, not a status. */
  isMcp: boolean;
  /**
   * `'completed'`: authorized (for an MCP server's consent: the person is done there, and the
   * server is asked again).
   */
  state: AuthorizationState;
  /** Why it failed, in words for the person; undefined unless `state` is 'failed'. */
  error: string | undefined;
  /** Opens the provider in the authorization popup (this page where popups are blocked). */
  open(): void;
  /**
   * For an MCP server's consent: the person says they are done (the popup was not tracked, or
   * this page went to the server), and the approval is answered. Does nothing otherwise.
   */
  confirm(): void;
  /** Denies the approval (the model is told the user cancelled) and stops waiting. */
  cancel(): void;
  /** Starts a new authorization for the same tool and opens it, after a failure (not for MCP). */
  retry(): Promise<void>;
}

/** Follows a `useChat` tool part's authorization: popup, long-poll, one approval answer, retry. */
export function useAuthorization({
  part,
  addToolApprovalResponse,
  statusUrl = defaultAuthorizationStatusUrl,
  onCompleted,
}: UseAuthorizationOptions): UseAuthorizationResult {
  const [replacement, setReplacement] = useState<RequiredAuthorization>();
  const [opened, setOpened] = useState(false);
  const [outcome, setOutcome] = useState<AuthorizationOutcome>();
  const [watchedPopup, setWatchedPopup] = useState<Window>();
  const authorization = replacement ?? getAuthorizationRequest(part);
  const toolName = toolNameOf(part);
  const isMcp = authorization?.mcp !== undefined;
  const providerName =
    (isMcp ? authorization?.host : undefined) ?? authorization?.providerId ?? 'the service';
  const approvalId = pendingApprovalIdOf(part);

  // Set once the approval is answered (or cancelled): nothing is answered twice.
  const answered = useRef(false);
  const latest = useRef({ addToolApprovalResponse, onCompleted, approvalId });
  useEffect(() => {
    latest.current = { addToolApprovalResponse, onCompleted, approvalId };
  });

  const authorizationId = authorization?.id;
  useEffect(() => {
    if (authorizationId === undefined || isMcp || answered.current) return;
    const controller = new AbortController();
    setOutcome(undefined);
    void followAuthorizationStatus({
      statusUrl,
      id: authorizationId,
      providerName,
      signal: controller.signal,
    }).then(setOutcome);
    return () => controller.abort();
  }, [authorizationId, isMcp, statusUrl, providerName]);

  useEffect(() => {
    if (watchedPopup === undefined || answered.current) return;
    const controller = new AbortController();
    void waitForPopupClose({ popup: watchedPopup, signal: controller.signal }).then(() =>
      setOutcome({ status: 'completed' }),
    );
    return () => controller.abort();
  }, [watchedPopup]);

  useEffect(() => {
    if (outcome?.status !== 'completed' || answered.current) return;
    answered.current = true;
    const current = latest.current;
    if (current.approvalId !== undefined) {
      void current.addToolApprovalResponse?.({ id: current.approvalId, approved: true });
    }
    current.onCompleted?.();
  }, [outcome]);

  function open() {
    if (!authorization?.url) return;
    const popup = openAuthorizationWindow(authorization.url, { isolated: isMcp });
    setOpened(true);
    if (isMcp && popup) setWatchedPopup(popup);
  }

  function confirm() {
    if (!isMcp || answered.current) return;
    setOutcome({ status: 'completed' });
  }

  function cancel() {
    if (answered.current) return;
    answered.current = true;
    if (approvalId !== undefined) {
      void addToolApprovalResponse?.({ id: approvalId, approved: false, reason: cancelledReason });
    }
    setWatchedPopup(undefined);
    setOutcome({ status: 'failed', error: 'You cancelled the authorization.' });
  }

  async function retry() {
    // An MCP server's consent is not started by the app's route: the server asks again itself.
    if (answered.current || isMcp) return;
    // Opened inside the click, before the request: after an await the popup would be blocked.
    const popup = reserveAuthorizationWindow();
    setOutcome(undefined);
    setOpened(true);
    try {
      const next = await requestNewAuthorization({ statusUrl, toolName });
      setReplacement(next.authorization);
      if (next.completed || !next.authorization.url) popup?.close();
      else navigateAuthorizationWindow(popup, next.authorization.url);
    } catch (error) {
      popup?.close();
      setOutcome({ status: 'failed', error: (error as Error).message });
    }
  }

  return {
    authorization,
    toolName,
    providerName,
    isMcp,
    state: outcome?.status ?? (opened ? 'waiting' : 'idle'),
    error: outcome?.status === 'failed' ? outcome.error : undefined,
    open,
    confirm,
    cancel,
    retry,
  };
}
