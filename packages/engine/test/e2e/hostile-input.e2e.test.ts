import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toConnectionId } from '../../src/broker/connection-id.js';
import { encodeGrantedId } from '../../src/broker/granted-authorization-id.js';
import { describeWithPostgres } from '../describe-with-postgres.js';
import { createTestBrowser } from '../test-browser.js';
import { connectUser } from './connect-user.js';
import { type EngineUnderTest, inboxOf, type StoreDump } from './engine-under-test.js';
import { useEngineWithProvider } from './use-engine-with-provider.js';
import { useScratchDatabase } from './use-scratch-database.js';

// Input nobody should send, sent over HTTP to a running engine as an attacker would: ids that
// are not well-formed, hold control characters or are absurdly long; bodies far over the
// limit, declared or streamed; absurd tool names. Each gets a clear, short answer that never
// repeats the input, and the store is read before and after: nothing changes. The id attacks
// run against SQLite and PostgreSQL (where a NUL used to be a 500).

type Answer = { status: number; code: string; message: string; text: string };

/** One request as a program sends it; the answer's envelope (or page) as it receives it. */
async function call(
  target: EngineUnderTest,
  {
    method = 'GET',
    path,
    body,
    apiKey = target.apiKey,
  }: { method?: string; path: string; body?: string; apiKey?: string },
): Promise<Answer> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      accept: 'application/json',
      authorization: apiKey,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  const envelope = (text.startsWith('{') ? JSON.parse(text) : {}) as {
    code?: string;
    message?: string;
  };
  return {
    status: response.status,
    code: envelope.code ?? '',
    message: envelope.message ?? '',
    text,
  };
}

/** JSON.stringify writes a lone surrogate as `\ud800` and NUL as `\u0000`: what an attacker sends. */
const json = (value: unknown) => JSON.stringify(value);

type Streamed = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Whether the client had finished sending its body when the answer arrived. */
  requestEndedBeforeAnswer: boolean;
  /** Bytes the client had handed to its socket when the answer arrived. */
  bytesSentBeforeAnswer: number;
};

/**
 * Sends a body of up to `totalBytes` in 64 KiB chunks (declared with Content-Length, or
 * chunked), stops the moment the answer arrives, and resolves once the server has closed the
 * connection. An engine that read the whole body first would answer only after the last chunk.
 * (The server discards what is still in flight before it closes, so the answer is never lost
 * to a reset connection.)
 */
function sendLargeBody({
  url,
  method = 'POST',
  headers,
  totalBytes,
  declareLength,
  prefix = '',
}: {
  url: string;
  method?: string;
  headers: Record<string, string>;
  totalBytes: number;
  declareLength: boolean;
  prefix?: string;
}): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method,
      headers: {
        ...headers,
        ...(declareLength ? { 'content-length': String(totalBytes) } : {}),
      },
    });
    let bytesSent = 0;
    let answered = false;
    // Writing into a connection the server closed fails: expected once it has answered.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    request.on('response', (response) => {
      answered = true;
      const requestEndedBeforeAnswer = request.writableEnded;
      const bytesSentBeforeAnswer = bytesSent;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', () => {});
      const socket = request.socket;
      const closed = socket?.destroyed
        ? Promise.resolve()
        : new Promise<void>((done) => socket?.once('close', () => done()));
      response.on('end', () => {
        void closed.then(() =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            requestEndedBeforeAnswer,
            bytesSentBeforeAnswer,
          }),
        );
      });
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      if (bytesSent === 0 && prefix !== '') {
        bytesSent += Buffer.byteLength(prefix);
        request.write(prefix);
      }
      while (!answered && bytesSent < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - bytesSent));
        bytesSent += piece.length;
        if (!request.write(piece)) {
          request.once('drain', pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    pump();
  });
}

/** Administers (/v1/admin, /v1/workers) and may do all an API key may. */
const adminKey = `tg_admin_${randomBytes(16).toString('hex')}`;
// Runtime registration on, so that the id checks of every worker route are reached.
const workerOptions = {
  runtimeWorkers: { enabled: true, allowedUrls: ['http://127.0.0.1:9'] },
  adminApiKeys: [adminKey],
};

const userIdRule =
  'user ids must be printable text of 1 to 256 characters, without control characters or surrounding whitespace';

/** The attacks on ids, against one engine whose store `dump` reads. */
function describeIdAttacks(
  setup: () => { target: () => EngineUnderTest; dump: () => Promise<StoreDump> },
): void {
  const { target, dump } = setup();

  // A real user whose id holds U+FFFD: what a database turns a lone surrogate into.
  const victim = 'victim\uFFFD';

  beforeAll(async () => {
    await connectUser({
      client: target().client,
      provider: fixture.provider,
      userId: victim,
      username: 'alice',
    });
  });

  it('refuses a lone-surrogate user id (400), and no other user id reaches a user’s token', async () => {
    const engine = target();
    const own = await engine.client.tools.execute({
      tool_name: 'Inbox.ListMessages',
      user_id: victim,
    });
    expect(inboxOf(own).user.id).toBe('alice');
    const tokensHandedOut = engine.credentialsSeen.size;
    const before = await dump();

    // The attack the issue reproduced: authorize as 'mallory\uD800', to be stored as 'mallory\uFFFD'.
    const mallory = await call(engine, {
      method: 'POST',
      path: '/v1/tools/authorize',
      body: json({ tool_name: 'Inbox.ListMessages', user_id: 'mallory\uD800' }),
    });
    expect(mallory).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(mallory.message).toBe(
      `Invalid request body: 'user_id' is not well-formed Unicode (it holds a lone UTF-16 surrogate); ${userIdRule}.`,
    );

    // Nor can a next_uri that could not be stored as it is.
    const nextUri = await call(engine, {
      method: 'POST',
      path: '/v1/tools/authorize',
      body: json({
        tool_name: 'Inbox.ListMessages',
        user_id: 'mallory',
        next_uri: 'https://app.example/done\uD800',
      }),
    });
    expect(nextUri).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(nextUri.message).toContain("'next_uri': next_uri must be an absolute http or https URL");

    const lookalikes = [
      ['victim\uD800', 'is not well-formed Unicode'],
      ['victim\uDFFF', 'is not well-formed Unicode'],
      ['victim\uFFFD\u0000', 'contains a control character (U+0000)'],
      ['victim\uFFFD\u0085', 'contains a control character (U+0085)'],
      [' victim\uFFFD', 'starts or ends with whitespace'],
      ['victim\uFFFD ', 'starts or ends with whitespace'],
    ] as const;
    for (const [userId, problem] of lookalikes) {
      for (const [path, body] of [
        ['/v1/tools/execute', { tool_name: 'Inbox.ListMessages', user_id: userId }],
        ['/v1/tools/authorize', { tool_name: 'Inbox.ListMessages', user_id: userId }],
        ['/v1/auth/authorize', { user_id: userId, auth_requirement: { provider_id: 'testkit' } }],
      ] as const) {
        const answer = await call(engine, { method: 'POST', path, body: json(body) });
        expect(answer, `${path} with ${json(userId)}`).toMatchObject({
          status: 400,
          code: 'invalid_request',
        });
        expect(answer.message).toContain(`'user_id' ${problem}`);
        expect(answer.message).toContain(userIdRule);
      }
    }
    expect(engine.credentialsSeen.size).toBe(tokensHandedOut);
    expect(await dump()).toEqual(before);
  });

  it('answers NUL in every id the API takes with a 400 naming the field, and changes nothing', async () => {
    const engine = target();
    const pending = await engine.client.tools.authorize({
      tool_name: 'Weather.Current',
      user_id: 'nul-probe',
    });
    const before = await dump();
    const nul = '\u0000';
    const attacks: { method?: string; path: string; body?: unknown; field: string }[] = [
      { path: '/v1/tools?user_id=%00', field: "'user_id'" },
      { path: '/v1/tools?toolkit=%00', field: "'toolkit'" },
      { path: '/v1/tools/Inbox.ListMessages%00', field: "'name'" },
      { path: '/v1/tools/Inbox.ListMessages?user_id=%00', field: "'user_id'" },
      { path: '/v1/formatted_tools/Inbox.ListMessages%00', field: "'name'" },
      { path: '/v1/formatted_tools?user_id=%00', field: "'user_id'" },
      { path: '/v1/auth/status?id=%00', field: "'id'" },
      { path: `/v1/auth/status?id=${pending.id}%00&wait=1`, field: "'id'" },
      { path: '/v1/admin/user_connections?user_id=%00', field: "'user_id'" },
      { path: '/v1/admin/user_connections?provider_id=%00', field: "'provider_id'" },
      { method: 'DELETE', path: '/v1/admin/user_connections/%00', field: "'id'" },
      { path: '/v1/workers/%00', field: 'worker id' },
      { path: '/v1/workers/%00/health', field: 'worker id' },
      { method: 'DELETE', path: '/v1/workers/%00', field: 'worker id' },
      {
        method: 'POST',
        path: '/v1/tools/execute',
        body: { tool_name: `Inbox.ListMessages${nul}`, user_id: 'nul-probe' },
        field: "'tool_name'",
      },
      {
        method: 'POST',
        path: '/v1/tools/execute',
        body: { tool_name: 'Inbox.ListMessages', tool_version: nul, user_id: 'nul-probe' },
        field: "'tool_version'",
      },
      {
        method: 'POST',
        path: '/v1/tools/authorize',
        body: { tool_name: 'Inbox.ListMessages', user_id: `nul-probe${nul}` },
        field: "'user_id'",
      },
      {
        method: 'POST',
        path: '/v1/auth/authorize',
        body: { user_id: 'nul-probe', auth_requirement: { provider_id: `testkit${nul}` } },
        field: "'auth_requirement.provider_id'",
      },
      {
        method: 'POST',
        path: '/v1/auth/confirm_user',
        body: { flow_id: `${pending.id}${nul}`, user_id: 'nul-probe' },
        field: "'flow_id'",
      },
      {
        method: 'POST',
        path: '/v1/auth/confirm_user',
        body: { flow_id: pending.id, user_id: `nul-probe${nul}` },
        field: "'user_id'",
      },
    ];
    for (const { method, path, body, field } of attacks) {
      const answer = await call(engine, {
        method: method ?? 'GET',
        path,
        apiKey: adminKey,
        ...(body === undefined ? {} : { body: json(body) }),
      });
      expect(answer.status, `${method ?? 'GET'} ${path} ${json(body ?? '')}`).toBe(400);
      expect(answer.message).toContain(field);
      expect(answer.message).toContain('contains a control character (U+0000)');
    }
    // The browser's pages, which take no API key.
    for (const path of [
      '/v1/oauth/start/%00',
      '/v1/oauth/api-key/%00',
      `/v1/oauth/api-key/${pending.id}%00`,
    ]) {
      for (const method of path.includes('api-key') ? ['GET', 'POST'] : ['GET']) {
        const answer = await call(engine, { method, path, apiKey: '' });
        expect(answer, `${method} ${path}`).toMatchObject({ status: 400, code: 'invalid_flow_id' });
        expect(answer.message).toBe(
          'This authorization link is damaged: its flow id contains a control character (U+0000). Open the link exactly as the application gave it, or go back to the application and start the authorization again.',
        );
      }
    }
    expect(await dump()).toEqual(before);
  });

  it('takes connection and authorization ids that decode to a malformed user id as unknown (404), changing nothing', async () => {
    const engine = target();
    const before = await dump();
    expect(before.connections.length).toBeGreaterThan(0);
    for (const userId of ['victim\uD800', 'victim\uFFFD\u0000']) {
      const id = toConnectionId({ userId, providerId: 'testkit' });
      const answer = await call(engine, {
        method: 'DELETE',
        path: `/v1/admin/user_connections/${id}`,
        apiKey: adminKey,
      });
      expect(answer).toMatchObject({ status: 404, code: 'connection_not_found' });
      expect(answer.message).toBe(
        "There is no user connection with this id. GET /v1/admin/user_connections?user_id=... lists a user's connections with their ids.",
      );

      // An authorization id that was `completed` at once carries its user; anyone can forge one.
      const forged = encodeGrantedId({ userId, providerId: 'testkit', scopes: [] });
      const status = await call(engine, { path: `/v1/auth/status?id=${forged}` });
      expect(status).toMatchObject({ status: 404, code: 'authorization_not_found' });
      expect(status.message).toContain('Use the id from an authorize response');
    }
    expect(await dump()).toEqual(before);
  });

  it('refuses an id over 256 characters without repeating it, and takes one of 256', async () => {
    const engine = target();
    const before = await dump();
    const tooLong = `u${'x'.repeat(256)}`;
    const answer = await call(engine, {
      method: 'POST',
      path: '/v1/tools/authorize',
      body: json({ tool_name: 'Weather.Current', user_id: tooLong }),
    });
    expect(answer.status).toBe(400);
    expect(answer.message).toBe(
      `Invalid request body: 'user_id' is 257 characters long; ${userIdRule}.`,
    );
    expect(answer.text).not.toContain('x'.repeat(64));
    expect(await dump()).toEqual(before);

    const longest = await engine.client.tools.authorize({
      tool_name: 'Weather.Current',
      user_id: tooLong.slice(1),
    });
    expect(longest).toMatchObject({ status: 'pending', user_id: tooLong.slice(1) });
  });
}

const fixture = useEngineWithProvider({ startEngine: false });

describe('hostile ids over HTTP, on SQLite', () => {
  describeIdAttacks(() => {
    let underTest: EngineUnderTest;
    beforeAll(async () => {
      underTest = await fixture.launcher.start({ workerOptions });
    });
    return { target: () => underTest, dump: async () => underTest.dumpStore() };
  });
});

describeWithPostgres('hostile ids over HTTP, on PostgreSQL', (databaseUrl) => {
  describeIdAttacks(() => {
    const database = useScratchDatabase({ serverUrl: databaseUrl, namePrefix: 'toolgrant_input' });
    let underTest: EngineUnderTest;
    beforeAll(async () => {
      underTest = await fixture.launcher.start({ databaseUrl: database.url, workerOptions });
    });
    afterAll(async () => {
      await underTest?.stop();
    });
    return {
      target: () => underTest,
      dump: async () => ({
        flows: await database.query('SELECT * FROM auth_flows ORDER BY id'),
        connections: await database.query(
          'SELECT * FROM connections ORDER BY user_id, provider_id',
        ),
        workers: await database.query('SELECT * FROM runtime_workers ORDER BY id'),
        mcpTokens: await database.query('SELECT * FROM mcp_tokens ORDER BY id'),
        spentRequestStates: await database.query(
          'SELECT * FROM mcp_spent_request_states ORDER BY id',
        ),
      }),
    };
  });
});

describe('hostile bodies and names over HTTP', () => {
  let underTest: EngineUnderTest;
  const megabytes = (count: number) => count * 1024 * 1024;

  beforeAll(async () => {
    underTest = await fixture.launcher.start();
    // A user with a token, so that a tool run would show in credentialsSeen.
    await connectUser({ client: underTest.client, provider: fixture.provider, userId: 'alice' });
  });

  /** 100 MB of tool input for alice's inbox, sent to /v1/tools/execute with the API key. */
  const sendLargeExecution = ({ declareLength }: { declareLength: boolean }) =>
    sendLargeBody({
      url: `${underTest.url}/v1/tools/execute`,
      headers: { authorization: underTest.apiKey, 'content-type': 'application/json' },
      totalBytes: megabytes(100),
      declareLength,
      prefix: '{"tool_name":"Inbox.ListMessages","user_id":"alice","input":{"blob":"',
    });

  /**
   * Posts a 100 MB API key to the form at `url` as a program asking for JSON, with a declared
   * length and chunked: each is answered with `expected` while the client still sends.
   */
  async function expectLargeFormRefused(
    url: string,
    expected: { status: number; code: string; message: string },
  ) {
    for (const declareLength of [true, false]) {
      const answer = await sendLargeBody({
        url,
        headers: {
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        totalBytes: megabytes(100),
        declareLength,
        prefix: 'api_key=',
      });
      expect(answer.status).toBe(expected.status);
      expect(answer.requestEndedBeforeAnswer).toBe(false);
      expect(JSON.parse(answer.body)).toMatchObject({
        code: expected.code,
        message: expected.message,
      });
    }
  }

  const tooLargeMessage =
    "The request body is over this engine's limit of 1048576 bytes, so it was not read. Send less: tool input is a small JSON object, and large data goes by reference (a URL or an id). The engine's operator sets the limit with the maxBodyBytes option (TOOLGRANT_MAX_BODY_BYTES).";

  it('answers a body declared over the limit with 413 before it is sent, and runs nothing', async () => {
    const before = underTest.dumpStore();
    const seen = underTest.credentialsSeen.size;
    const answer = await sendLargeExecution({ declareLength: true });
    expect(answer.status).toBe(413);
    expect(answer.requestEndedBeforeAnswer).toBe(false);
    expect(JSON.parse(answer.body)).toEqual({
      name: 'payload_too_large',
      code: 'body_too_large',
      status: 413,
      message: tooLargeMessage,
    });
    expect(underTest.credentialsSeen.size).toBe(seen);
    expect(underTest.dumpStore()).toEqual(before);
  });

  it('stops reading a chunked body the moment it passes the limit: 413 while the client still sends', async () => {
    const before = underTest.dumpStore();
    const seen = underTest.credentialsSeen.size;
    const answer = await sendLargeExecution({ declareLength: false });
    expect(answer.status).toBe(413);
    // Answered while the client had most of its 100 MB left to send; the server then closed
    // the connection (sendLargeBody waits for that) without the body ever being finished.
    expect(answer.requestEndedBeforeAnswer).toBe(false);
    expect(answer.bytesSentBeforeAnswer).toBeLessThan(megabytes(100));
    expect(JSON.parse(answer.body)).toMatchObject({
      code: 'body_too_large',
      message: tooLargeMessage,
    });
    expect(underTest.credentialsSeen.size).toBe(seen);
    expect(underTest.dumpStore()).toEqual(before);
  });

  it('checks the API key before reading a body: 401 while the client still sends', async () => {
    const before = underTest.dumpStore();
    for (const declareLength of [true, false]) {
      const answer = await sendLargeBody({
        url: `${underTest.url}/v1/tools/execute`,
        headers: { authorization: 'tg_wrong_key', 'content-type': 'application/json' },
        totalBytes: megabytes(100),
        declareLength,
      });
      expect(answer.status).toBe(401);
      expect(answer.requestEndedBeforeAnswer).toBe(false);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'invalid_api_key' });
    }
    expect(underTest.dumpStore()).toEqual(before);
  });

  it('looks the API-key form’s flow up before reading its body: an unknown flow is a 404 while the client still sends', async () => {
    const before = underTest.dumpStore();
    await expectLargeFormRefused(`${underTest.url}/v1/oauth/api-key/${randomUUID()}`, {
      status: 404,
      code: 'authorization_not_found',
      message:
        'This authorization link is not known to the engine. Go back to the application and start the authorization again.',
    });
    expect(underTest.dumpStore()).toEqual(before);
  });

  it('reads at most 16 KiB of the API-key form: 413 for more, the flow still pending', async () => {
    const authorization = await underTest.client.tools.authorize({
      tool_name: 'Weather.Current',
      user_id: 'form-user',
    });
    expect(authorization.status).toBe('pending');
    const before = underTest.dumpStore();
    await expectLargeFormRefused(authorization.url ?? '', {
      status: 413,
      code: 'body_too_large',
      message:
        'The form sent more than 16 KiB, so it was not read. Paste only your API key and send the form again.',
    });
    expect(underTest.dumpStore()).toEqual(before);
    expect((await underTest.client.auth.status({ id: authorization.id ?? '' })).status).toBe(
      'pending',
    );

    // A key of a sensible size still goes through the same form, from the user's browser.
    const browser = createTestBrowser();
    expect((await browser.get(authorization.url ?? '')).status).toBe(200);
    const saved = await browser.submitApiKey(authorization.url ?? '', 'owm_form_user_key');
    expect(saved.status).toBe(200);
    expect((await underTest.client.auth.status({ id: authorization.id ?? '' })).status).toBe(
      'completed',
    );
  });

  it('refuses a 4 MB tool name in the path and in a body without echoing it or looking for suggestions', async () => {
    const before = underTest.dumpStore();
    const hugeName = `Inbox.ListMessages${'Q'.repeat(4 * 1024 * 1024)}`;
    const echo = 'Q'.repeat(64);

    // Node's HTTP server refuses a request line this long before the engine sees it.
    const inPath = await call(underTest, { path: `/v1/tools/${hugeName}` });
    expect(inPath.status).toBe(431);
    expect(inPath.text).not.toContain(echo);

    // Long, but within what Node accepts in a request line: the engine's own check answers.
    const longName = `Inbox.ListMessages${'Q'.repeat(8 * 1024)}`;
    const longInPath = await call(underTest, { path: `/v1/tools/${longName}` });
    expect(longInPath).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(longInPath.message).toBe(
      `Invalid path: 'name' is ${longName.length} characters long; tool names must be printable text of 1 to 256 characters, without control characters or surrounding whitespace.`,
    );
    expect(longInPath.text).not.toContain(echo);

    // In a body: over the body limit, then under it.
    const inBody = await call(underTest, {
      method: 'POST',
      path: '/v1/tools/execute',
      body: json({ tool_name: hugeName, user_id: 'alice' }),
    });
    expect(inBody).toMatchObject({ status: 413, code: 'body_too_large', message: tooLargeMessage });
    const halfMegabyteName = `Inbox.ListMessages${'Q'.repeat(512 * 1024)}`;
    for (const path of ['/v1/tools/execute', '/v1/tools/authorize']) {
      const answer = await call(underTest, {
        method: 'POST',
        path,
        body: json({ tool_name: halfMegabyteName, user_id: 'alice' }),
      });
      expect(answer).toMatchObject({ status: 400, code: 'invalid_request' });
      expect(answer.message).toBe(
        `Invalid request body: 'tool_name' is ${halfMegabyteName.length} characters long; tool names must be printable text of 1 to 256 characters, without control characters or surrounding whitespace.`,
      );
      expect(answer.text).not.toContain(echo);
    }
    expect(underTest.dumpStore()).toEqual(before);
  });
});
