import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import {
  authorizationApproval,
  createAISDKTools,
  createAuthorizationStatusHandler,
} from '@toolgrant/ai-sdk';
import { createToolgrantSession, mcpSource, type ToolgrantSession } from '@toolgrant/core';
import type { ToolUIPart } from 'ai';
// The ai-sdk package's real stack: the testkit's OAuth provider and an engine serving an Inbox
// toolkit whose ListMessages needs the user's consent.
import { type InboxEngine, startInboxEngine } from '../../ai-sdk/test/inbox-engine.js';

// The app the hook talks to, as a real one is built: the engine and provider, and the status
// route (`createAuthorizationStatusHandler`) served over HTTP. The signed-in user is the last
// path segment of the route here (`/as/alice`), standing in for the app's session. The same
// engine serves `/mcp`: an MCP tool's consent comes from there.

export interface AuthorizationApp {
  inbox: InboxEngine;
  /** The status route of `userId`. */
  statusUrl(userId: string): string;
  /** A `useChat` tool part awaiting approval, as AI SDK 7 delivers it, with its real authorization. */
  approvalPart(userId: string): Promise<ToolUIPart>;
  /** The tool's own output for the stop-condition flow (AI SDK 6): no approval pending. */
  stopConditionPart(userId: string): Promise<ToolUIPart>;
  /** A tool part awaiting approval for `engine_Inbox_ListMessages`, from the engine's `/mcp`. */
  mcpApprovalPart(userId: string): Promise<ToolUIPart>;
  /** That MCP tool's own output asking for consent, for the stop-condition flow. */
  mcpStopConditionPart(userId: string): Promise<ToolUIPart>;
  /** How many requests the status route received. */
  statusRequests(): number;
  close(): Promise<void>;
}

export async function startAuthorizationApp(): Promise<AuthorizationApp> {
  const inbox = await startInboxEngine();
  let statusRequests = 0;
  const statusHandler = createAuthorizationStatusHandler({
    client: inbox.client,
    getUserId: (request) => new URL(request.url).pathname.split('/').at(-1),
    waitSeconds: 5,
  });
  const server = createServer(
    getRequestListener((request) => {
      statusRequests++;
      return statusHandler(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const toolsOf = (userId: string) =>
    createAISDKTools({ client: inbox.client, toolkits: ['Inbox'], userId });
  let calls = 0;
  const sessions: ToolgrantSession[] = [];
  // As an app holds it: one source (and so one connection) per user, in a session it owns.
  const mcpToolsOf = (userId: string) => {
    const session = createToolgrantSession();
    sessions.push(session);
    const source = mcpSource({
      name: 'engine',
      url: `${inbox.url}/mcp`,
      headers: { authorization: `Bearer ${inbox.engine.apiKeys[0]}`, 'arcade-user-id': userId },
    });
    return createAISDKTools({ mcpSources: [source], session });
  };
  return {
    inbox,
    statusUrl: (userId) => `${origin}/as/${userId}`,
    async approvalPart(userId) {
      const tools = await toolsOf(userId);
      const toolCallId = `call-${++calls}`;
      const decision = await authorizationApproval({ client: inbox.client, userId })({
        toolCall: { toolName: 'Inbox_ListMessages', toolCallId },
        tools,
      });
      if (decision.type !== 'user-approval') throw new Error(`expected an approval request`);
      return {
        type: 'tool-Inbox_ListMessages',
        toolCallId,
        state: 'approval-requested',
        input: {},
        approval: { id: `approval-${calls}`, requestReason: decision.reason },
      };
    },
    async stopConditionPart(userId) {
      const tools = await toolsOf(userId);
      const toolCallId = `call-${++calls}`;
      const output = await tools.Inbox_ListMessages?.execute?.({}, { toolCallId, messages: [] });
      return {
        type: 'tool-Inbox_ListMessages',
        toolCallId,
        state: 'output-available',
        input: {},
        output,
      };
    },
    async mcpApprovalPart(userId) {
      const tools = await mcpToolsOf(userId);
      const toolCallId = `call-${++calls}`;
      const decision = await authorizationApproval()({
        toolCall: { toolName: 'engine_Inbox_ListMessages', toolCallId, input: {} },
        tools,
      });
      if (decision.type !== 'user-approval') throw new Error(`expected an approval request`);
      return {
        type: 'tool-engine_Inbox_ListMessages',
        toolCallId,
        state: 'approval-requested',
        input: {},
        approval: { id: `approval-${calls}`, requestReason: decision.reason },
      };
    },
    async mcpStopConditionPart(userId) {
      const tools = await mcpToolsOf(userId);
      const toolCallId = `call-${++calls}`;
      const output = await tools.engine_Inbox_ListMessages?.execute?.(
        {},
        { toolCallId, messages: [] },
      );
      return {
        type: 'tool-engine_Inbox_ListMessages',
        toolCallId,
        state: 'output-available',
        input: {},
        output,
      };
    },
    statusRequests: () => statusRequests,
    async close() {
      await Promise.all(sessions.map((session) => session.mcp.close()));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await inbox.close();
    },
  };
}
