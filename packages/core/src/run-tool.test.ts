import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ArcadeApiServer,
  type AuthorizationRefusal,
  startArcadeApiServer,
} from '../test/arcade-api-server.js';
import { arcadeClient } from '../test/arcade-client.js';
import { loadTools } from './load-tools.js';
import { OperationAbortedError } from './operation-aborted-error.js';
import type { RunOutcome } from './run-outcome.js';
import { runTool, type ToolErrorReport } from './run-tool.js';
import { toModelOutput } from './to-model-output.js';
import type { ToolDefinition } from './tool-definition.js';
import { ToolRequestError } from './tool-request-error.js';
import { ToolTransportError } from './tool-transport-error.js';
import { createToolgrantSession } from './toolgrant-session.js';
import { UserIdRequiredError } from './user-id-required-error.js';
import { waitForAuthorization } from './wait-for-authorization.js';

let server: ArcadeApiServer;
let definitions: Map<string, ToolDefinition>;
beforeEach(async () => {
  server = await startArcadeApiServer();
  const tools = await loadTools({
    client: arcadeClient({ server }),
    tools: ['Demo.Echo', 'Demo.ReadInbox', 'Gmail.ListEmails'],
  });
  definitions = new Map(tools.map((tool) => [tool.qualified_name, tool]));
  server.requests.length = 0;
});
afterEach(async () => {
  await server.close();
});

const tool = (name: string) => definitions.get(name)!;

function expectAuthorizationRequired(outcome: RunOutcome) {
  if (outcome.type !== 'authorization_required') {
    throw new Error(`expected authorization_required, got ${JSON.stringify(outcome)}`);
  }
  return outcome.authorization;
}

describe('runTool', () => {
  it('answers bad input with the fields to fix, sending nothing', async () => {
    const client = arcadeClient({ server });

    const outcome = await runTool({
      client,
      definition: tool('Demo.Echo'),
      input: { times: 'twice' },
      userId: 'ada',
    });

    expect(outcome.type).toBe('error');
    if (outcome.type !== 'error') return;
    expect(outcome.error.kind).toBe('TOOL_RUNTIME_BAD_INPUT_VALUE');
    expect(outcome.error.canRetry).toBe(true);
    expect(outcome.error.message).toMatch(/text: missing \(expected a string\)/);
    expect(outcome.error.message).toMatch(/times: expected an integer/);
    expect(server.requests).toHaveLength(0);
  });

  it('runs a tool without authorization in one request', async () => {
    const client = arcadeClient({ server });

    const outcome = await runTool({
      client,
      definition: tool('Demo.Echo'),
      input: { text: 'hi', times: null },
      userId: 'ada',
    });

    expect(outcome).toEqual({
      type: 'completed',
      value: { tool: 'Demo.Echo', input: { text: 'hi' }, userId: 'ada' },
    });
    expect(server.requests.map((request) => request.route)).toEqual(['POST /v1/tools/execute']);
    expect(server.requests[0]?.body).toMatchObject({
      tool_name: 'Demo.Echo',
      tool_version: '1.0.0',
    });
  });

  it('asks for authorization, then runs after the user approved, then in one request', async () => {
    const client = arcadeClient({ server });
    const session = createToolgrantSession();
    const run = () =>
      runTool({ client, session, definition: tool('Gmail.ListEmails'), input: {}, userId: 'ada' });

    const authorization = expectAuthorizationRequired(await run());
    expect(authorization).toMatchObject({
      providerId: 'google',
      scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
      status: 'pending',
    });
    expect(authorization.url).toMatch(/^https:\/\/provider\.example\.test\/authorize/);
    expect(server.requests.map((request) => request.route)).toEqual(['POST /v1/tools/authorize']);

    setTimeout(() => server.completeAuthorization(authorization.id), 50);
    await waitForAuthorization({ client, authorization });
    server.requests.length = 0;

    expect(await run()).toMatchObject({ type: 'completed' });
    expect(server.requests.map((request) => request.route)).toEqual([
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);

    server.requests.length = 0;
    expect(await run()).toMatchObject({ type: 'completed' });
    expect(server.requests.map((request) => request.route)).toEqual(['POST /v1/tools/execute']);
  });

  /** Demo.ReadInbox, loaded with grace's token status into a new session. */
  async function loadedForGrace() {
    server.grant('grace', 'demo-mail');
    const client = arcadeClient({ server });
    const session = createToolgrantSession();
    const [inbox] = await loadTools({
      client,
      session,
      tools: ['Demo.ReadInbox'],
      userId: 'grace',
    });
    server.requests.length = 0;
    return (userId: string) => runTool({ client, session, definition: inbox!, input: {}, userId });
  }

  it('runs at once, in exactly one request, when loadTools reported the user authorized', async () => {
    const runFor = await loadedForGrace();

    const outcome = await runFor('grace');

    expect(outcome).toMatchObject({ type: 'completed' });
    expect(server.requests.map((request) => request.route)).toEqual(['POST /v1/tools/execute']);
  });

  it("does not take one user's authorization for another's", async () => {
    const runFor = await loadedForGrace();

    const outcome = await runFor('ada');

    expectAuthorizationRequired(outcome);
    expect(server.requests.map((request) => request.route)).toEqual(['POST /v1/tools/authorize']);
  });

  it.each<AuthorizationRefusal>([
    'http_403',
    'output_authorization',
    'requirements_not_met',
    'upstream_auth_error',
  ])('starts a new authorization when the engine refuses a revoked one (%s)', async (refusal) => {
    server.setRefusal(refusal);
    server.grant('ada', 'demo-mail');
    const client = arcadeClient({ server });
    const session = createToolgrantSession();
    const run = () =>
      runTool({ client, session, definition: tool('Demo.ReadInbox'), input: {}, userId: 'ada' });
    expect(await run()).toMatchObject({ type: 'completed' });

    server.revoke('ada', 'demo-mail');
    server.requests.length = 0;
    const authorization = expectAuthorizationRequired(await run());

    expect(authorization).toMatchObject({ providerId: 'demo-mail', scopes: ['inbox.read'] });
    expect(server.requests[0]?.route).toBe('POST /v1/tools/execute');
    // The status was forgotten: the next run asks for authorization before executing.
    server.requests.length = 0;
    expectAuthorizationRequired(await run());
    expect(server.requests.map((request) => request.route)).toEqual(['POST /v1/tools/authorize']);
  });

  it('reports a refusal that a new authorization cannot fix (a missing secret) as an error', async () => {
    server.grant('ada', 'demo-mail');
    server.onExecute('Demo.ReadInbox', () => ({
      error: {
        kind: 'TOOL_REQUIREMENTS_NOT_MET',
        message: 'The tool is not configured yet.',
        developer_message: 'secret DEMO_MAIL_HOST is not set',
      },
    }));
    const reports: ToolErrorReport[] = [];

    const outcome = await runTool({
      client: arcadeClient({ server }),
      definition: tool('Demo.ReadInbox'),
      input: {},
      userId: 'ada',
      onError: (report) => reports.push(report),
    });

    expect(outcome).toMatchObject({
      type: 'error',
      error: { kind: 'TOOL_REQUIREMENTS_NOT_MET', canRetry: false },
    });
    expect(reports.map((report) => report.developerMessage)).toEqual([
      'secret DEMO_MAIL_HOST is not set',
    ]);
    expect(server.requests.map((request) => request.route)).toEqual([
      'POST /v1/tools/authorize',
      'POST /v1/tools/execute',
    ]);
  });

  it('maps a tool failure to an error outcome and hands developer details to onError', async () => {
    server.onExecute('Demo.Echo', () => ({
      error: {
        kind: 'UPSTREAM_RUNTIME_RATE_LIMIT',
        message: 'The upstream service is rate limiting.',
        can_retry: true,
        retry_after_ms: 1500,
        additional_prompt_content: 'Ask for fewer items.',
        developer_message: 'upstream 429 with key sk_live_hidden_developer_detail',
        stacktrace: 'Traceback (most recent call last): ...',
      },
    }));
    const reports: ToolErrorReport[] = [];

    const outcome = await runTool({
      client: arcadeClient({ server }),
      definition: tool('Demo.Echo'),
      input: { text: 'hi' },
      userId: 'ada',
      onError: (report) => reports.push(report),
    });

    expect(outcome).toEqual({
      type: 'error',
      error: {
        kind: 'UPSTREAM_RUNTIME_RATE_LIMIT',
        message: 'The upstream service is rate limiting.',
        canRetry: true,
        retryAfterMs: 1500,
        additionalPromptContent: 'Ask for fewer items.',
      },
    });
    expect(reports).toEqual([
      expect.objectContaining({
        toolName: 'Demo.Echo',
        userId: 'ada',
        developerMessage: 'upstream 429 with key sk_live_hidden_developer_detail',
        stacktrace: 'Traceback (most recent call last): ...',
      }),
    ]);
    const text = toModelOutput({ outcome });
    expect(text).not.toContain('sk_live_hidden_developer_detail');
    expect(text).not.toContain('Traceback');
  });

  it('throws UserIdRequiredError for a tool that needs authorization but has no user', async () => {
    const running = runTool({
      client: arcadeClient({ server }),
      definition: tool('Demo.ReadInbox'),
      input: {},
    });

    await expect(running).rejects.toSatisfy(UserIdRequiredError.isInstance);
    expect(server.requests).toHaveLength(0);
  });

  it('throws ToolTransportError for a 5xx that outlasts the client retries', async () => {
    server.failNext('POST /v1/tools/execute', 502, 2);

    const running = runTool({
      client: arcadeClient({ server, maxRetries: 1 }),
      definition: tool('Demo.Echo'),
      input: { text: 'hi' },
      userId: 'ada',
    });

    await expect(running).rejects.toSatisfy(
      (error) =>
        ToolTransportError.isInstance(error) &&
        error.reason === 'server_error' &&
        error.status === 502,
    );
    expect(server.count('POST /v1/tools/execute')).toBe(2);
  });

  it('throws ToolTransportError for a timeout and for an unreachable engine', async () => {
    server.delay('POST /v1/tools/execute', 2_000);
    const timingOut = runTool({
      client: arcadeClient({ server, timeout: 200 }),
      definition: tool('Demo.Echo'),
      input: { text: 'hi' },
      userId: 'ada',
    });
    await expect(timingOut).rejects.toSatisfy(
      (error) => ToolTransportError.isInstance(error) && error.reason === 'timeout',
    );

    const client = arcadeClient({ server });
    await server.close();
    const unreachable = runTool({
      client,
      definition: tool('Demo.Echo'),
      input: { text: 'hi' },
      userId: 'ada',
    });
    await expect(unreachable).rejects.toSatisfy(
      (error) => ToolTransportError.isInstance(error) && error.reason === 'unreachable',
    );
  });

  it('throws ToolRequestError for another 4xx, such as a tool the engine no longer has', async () => {
    const gone = {
      ...tool('Demo.Echo'),
      qualified_name: 'Demo.Gone',
      fully_qualified_name: 'Demo.Gone@1.0.0',
    };

    const running = runTool({
      client: arcadeClient({ server }),
      definition: gone,
      input: { text: 'hi' },
      userId: 'ada',
    });

    await expect(running).rejects.toSatisfy(
      (error) => ToolRequestError.isInstance(error) && error.status === 404,
    );
  });

  it('cancels the request in flight when its signal aborts', async () => {
    server.delay('POST /v1/tools/execute', 5_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const running = runTool({
      client: arcadeClient({ server }),
      definition: tool('Demo.Echo'),
      input: { text: 'hi' },
      userId: 'ada',
      signal: controller.signal,
    });

    await expect(running).rejects.toSatisfy(OperationAbortedError.isInstance);
    // The server saw the client hang up: the request was cancelled, not left to finish.
    await expect.poll(() => server.abortedRequests).toBe(1);
    expect(server.count('POST /v1/tools/execute')).toBe(1);
  });

  it('never lets a token, the API key or a developer message reach the model', async () => {
    const client = arcadeClient({ server });
    const outcomes: RunOutcome[] = [];
    const run = async (name: string, input: unknown) => {
      outcomes.push(await runTool({ client, definition: tool(name), input, userId: 'ada' }));
    };
    server.onExecute('Demo.Echo', ({ token }) => ({
      error: {
        kind: 'TOOL_RUNTIME_FATAL',
        message: 'Echo failed.',
        developer_message: `failed with ${token} and ${server.apiKey}`,
        stacktrace: `at echo (${server.apiKey})`,
      },
    }));

    await run('Demo.Echo', { text: 'hi' });
    await run('Demo.Echo', { text: 42 });
    await run('Demo.ReadInbox', {});
    const authorization = expectAuthorizationRequired(outcomes.at(-1)!);
    server.completeAuthorization(authorization.id);
    await run('Demo.ReadInbox', {});
    await run('Demo.ReadInbox', { folder: 'archive' });
    server.revoke('ada', 'demo-mail');
    await run('Demo.ReadInbox', {});

    expect(outcomes.map((outcome) => outcome.type)).toEqual([
      'error',
      'error',
      'authorization_required',
      'completed',
      'completed',
      'authorization_required',
    ]);
    const secrets = server.secrets();
    expect(secrets.length).toBeGreaterThan(1);
    for (const outcome of outcomes) {
      for (const text of [
        JSON.stringify(outcome),
        toModelOutput({ outcome }),
        toModelOutput({ outcome, includeAuthorizationUrl: true }),
      ]) {
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
    }
  });
});
