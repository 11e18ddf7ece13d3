import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';

// The GitHub REST API as the tests see it: a loopback server answering with the recordings in
// ./recordings, and checking each request the way GitHub would want it: its media type and API
// version, a User-Agent, a bearer token the test's OAuth provider accepts, the JSON body the
// recording was made for. What is wrong is collected in `problems`; tests expect none.

export interface Recording {
  /** The file name, e.g. `star-repository.json`. */
  name: string;
  about: string;
  request: {
    method: string;
    path: string;
    /** Query parameters that must be present with these values (others may be too). */
    query?: Record<string, string>;
    /** The JSON body the request must carry, exactly. */
    body?: unknown;
  };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body, or undefined without one. */
  body: unknown;
  /** The recording that answered, or undefined. */
  answeredWith: string | undefined;
}

export interface RecordedGitHub {
  /** The API's base URL, e.g. `http://127.0.0.1:41234`: the toolkit's `apiBaseUrl`. */
  url: string;
  requests: RecordedRequest[];
  problems: string[];
  /** Every bearer token presented, to look for where it must never appear. */
  tokens: Set<string>;
  close(): Promise<void>;
}

export const recordingsDirectory = new URL('./recordings/', import.meta.url);

export async function loadRecordings(): Promise<Recording[]> {
  const names = (await readdir(recordingsDirectory)).filter((name) => name.endsWith('.json'));
  return Promise.all(
    names.sort().map(async (name) => ({
      name,
      ...(JSON.parse(await readFile(new URL(name, recordingsDirectory), 'utf8')) as Omit<
        Recording,
        'name'
      >),
    })),
  );
}

/** The headers api.github.com sends with every answer. */
function everyAnswerHeaders(requestNumber: number): Record<string, string> {
  return {
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': `0400:1A2B:${(0x3c4d5e + requestNumber).toString(16).toUpperCase()}:5F6A7B:67D1C2E3`,
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(5000 - requestNumber),
    'x-ratelimit-used': String(requestNumber),
    'x-ratelimit-reset': '1893456000',
    'x-ratelimit-resource': 'core',
  };
}

export async function startRecordedGitHub({
  authenticate,
}: {
  /** Whether GitHub would accept this token; false answers 401 Bad credentials. */
  authenticate: (token: string) => Promise<boolean>;
}): Promise<RecordedGitHub> {
  const recordings = await loadRecordings();
  const found = recordings.find((recording) => recording.name === 'bad-credentials.json');
  if (found === undefined) throw new Error('recordings/bad-credentials.json is missing');
  const badCredentials: Recording = found;
  const routed = recordings.filter((recording) => recording !== badCredentials);

  const requests: RecordedRequest[] = [];
  const problems: string[] = [];
  const tokens = new Set<string>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://github.invalid');
    const method = request.method ?? 'GET';
    const what = `${method} ${url.pathname}`;
    const text = await readBody(request);
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: undefined,
      answeredWith: undefined,
    };
    requests.push(recorded);
    const answer = (recording: Recording) => {
      recorded.answeredWith = recording.name;
      send({ response, recording, requestNumber: requests.length });
    };

    if (request.headers.accept !== 'application/vnd.github+json') {
      problems.push(`${what}: Accept is ${JSON.stringify(request.headers.accept)}`);
    }
    if (request.headers['x-github-api-version'] !== '2022-11-28') {
      problems.push(
        `${what}: X-GitHub-Api-Version is ${JSON.stringify(request.headers['x-github-api-version'])}`,
      );
    }
    const userAgent = request.headers['user-agent'];
    // `node` is what fetch sends when the caller sets none; GitHub asks for the app's name.
    if (userAgent === undefined || userAgent === '' || userAgent === 'node') {
      problems.push(`${what}: no User-Agent naming the app (got ${JSON.stringify(userAgent)})`);
    }
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) {
      problems.push(`${what}: no bearer token in Authorization`);
      return answer(badCredentials);
    }
    tokens.add(token);
    if (!(await authenticate(token))) return answer(badCredentials);

    if (text !== '') {
      if (!request.headers['content-type']?.startsWith('application/json')) {
        problems.push(`${what}: a body with Content-Type ${request.headers['content-type']}`);
      }
      try {
        recorded.body = JSON.parse(text);
      } catch {
        problems.push(`${what}: a body that is not JSON: ${text.slice(0, 200)}`);
      }
    }
    if (method === 'PUT' && text === '' && request.headers['content-length'] !== '0') {
      // GitHub's docs for PUT endpoints without a body: "set Content-Length to zero".
      problems.push(`${what}: no Content-Length: 0 on a PUT without a body`);
    }

    const candidates = routed.filter(
      (recording) =>
        recording.request.method === method &&
        recording.request.path === url.pathname &&
        Object.entries(recording.request.query ?? {}).every(
          ([key, value]) => url.searchParams.get(key) === value,
        ),
    );
    const match = candidates.find((recording) =>
      recording.request.body === undefined
        ? text === ''
        : isDeepStrictEqual(recording.request.body, recorded.body),
    );
    if (match === undefined) {
      problems.push(
        candidates.length === 0
          ? `${what}${url.search}: no recording for this request`
          : `${what}: the body ${text} is not the one recorded in ${candidates.map((candidate) => candidate.name).join(', ')}`,
      );
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      response.end(
        JSON.stringify({
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
          status: '404',
        }),
      );
      return;
    }
    answer(match);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      problems.push(`${request.method} ${request.url}: the recorded server failed: ${error}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    problems,
    tokens,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send({
  response,
  recording,
  requestNumber,
}: {
  response: ServerResponse;
  recording: Recording;
  requestNumber: number;
}): void {
  const { status, headers, body } = recording.response;
  response.writeHead(status, { ...everyAnswerHeaders(requestNumber), ...headers });
  response.end(body === null ? undefined : JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
