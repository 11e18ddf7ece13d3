import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWorkerToken } from '@toolgrant/worker/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../test/workers/start-test-worker.js';
import { createWorkerClient } from './create-worker-client.js';
import { WorkerTransportError } from './worker-transport-error.js';

// Against real loopback servers that answer the way a broken or absent worker would.

const secret = 'client-test-secret';
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
});

async function serve(
  handle: (
    request: import('node:http').IncomingMessage,
    response: import('node:http').ServerResponse,
  ) => void,
): Promise<string> {
  const server = createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function failureOf(promise: Promise<unknown>): Promise<WorkerTransportError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!WorkerTransportError.isInstance(error))
    throw new Error(`Expected a WorkerTransportError, got ${String(error)}`);
  return error;
}

describe('createWorkerClient', () => {
  it('sends a worker token the worker accepts, reusing it between requests (see create-worker-token-source.ts)', async () => {
    const tokens: string[] = [];
    const url = await serve((request, response) => {
      tokens.push(request.headers.authorization?.replace(/^Bearer /, '') ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'ok', tool_count: 3 }));
    });
    const client = createWorkerClient({ settings: { id: 'w', url, secret, timeoutMs: 1000 } });
    expect(await client.health()).toEqual({ toolCount: 3 });
    await client.health();
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toBe(tokens[0]);
    expect(verifyWorkerToken({ token: tokens[0] ?? '', secret })).toMatchObject({
      aud: 'worker',
      ver: '1',
    });
  });

  it("reads a health count sent as a string, as Arcade's workers send it, and names a 403 a refused token", async () => {
    const arcadeStyle = await serve((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/worker/health') {
        response.end(JSON.stringify({ status: 'ok', tool_count: '4' }));
      } else {
        // FastAPI's HTTPBearer, in front of arcade-serve, without a usable token.
        response.statusCode = 403;
        response.end(JSON.stringify({ detail: 'Not authenticated' }));
      }
    });
    const client = createWorkerClient({
      settings: { id: 'py', url: arcadeStyle, secret, timeoutMs: 1000 },
    });
    expect(await client.health()).toEqual({ toolCount: 4 });
    const error = await failureOf(client.listTools());
    expect(error).toMatchObject({ reason: 'rejected', status: 403 });
    expect(error.message).toContain("answered 403: it refused the engine's token");
  });

  it('stops reading an answer larger than 32 MiB', async () => {
    const url = await serve((_request, response) => {
      response.setHeader('content-type', 'application/json');
      const chunk = Buffer.alloc(1024 * 1024, 32);
      for (let written = 0; written < 33; written += 1) response.write(chunk);
      response.end('[]');
    });
    const client = createWorkerClient({ settings: { id: 'big', url, secret, timeoutMs: 5000 } });
    const error = await failureOf(client.listTools());
    expect(error).toMatchObject({ reason: 'bad_response' });
    expect(error.message).toContain('more than 33554432 bytes');
  });

  it('stops at once when an answer declares more than 32 MiB, without reading it', async () => {
    let written = 0;
    const url = await serve((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(33 * 1024 * 1024),
      });
      const chunk = Buffer.alloc(1024 * 1024, 32);
      const writeMore = () => {
        while (written < 33) {
          written += 1;
          if (!response.write(chunk)) return void response.once('drain', writeMore);
        }
        response.end();
      };
      writeMore();
    });
    const client = createWorkerClient({ settings: { id: 'big', url, secret, timeoutMs: 5000 } });
    const error = await failureOf(client.listTools());
    expect(error).toMatchObject({ reason: 'bad_response' });
    expect(error.message).toContain('more than 33554432 bytes');
    // The engine closed the connection instead of reading on: the server could not write it all.
    expect(written).toBeLessThan(33);
  });

  it('a refused connection is unreachable and marked as never having reached the worker', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const client = createWorkerClient({ settings: { id: 'gone', url, secret, timeoutMs: 1000 } });
    const error = await failureOf(client.listTools());
    expect(error).toMatchObject({
      reason: 'unreachable',
      connectionRefused: true,
      workerId: 'gone',
    });
    expect(error.message).toContain('refused the connection');
  });

  it('a connection dropped mid-request is unreachable but may have reached the worker', async () => {
    const url = await serve((request) => request.socket.destroy());
    const client = createWorkerClient({ settings: { id: 'w', url, secret, timeoutMs: 1000 } });
    const error = await failureOf(client.listTools());
    expect(error).toMatchObject({ reason: 'unreachable', connectionRefused: false });
  });

  it('no answer within the timeout is a timeout', async () => {
    const url = await serve(() => {});
    const client = createWorkerClient({ settings: { id: 'w', url, secret, timeoutMs: 100 } });
    const error = await failureOf(client.listTools());
    expect(error.reason).toBe('timeout');
    expect(error.message).toContain('100 ms');
  });

  it('a caller that gives up cancels the request, and the worker sees the connection close', async () => {
    let closed: () => void = () => {};
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const url = await serve((request) => {
      arrived();
      request.socket.once('close', () => closed());
    });
    const client = createWorkerClient({ settings: { id: 'w', url, secret, timeoutMs: 30_000 } });
    const controller = new AbortController();
    const pending = failureOf(client.listTools({ signal: controller.signal }));
    await requestArrived;
    controller.abort(new Error('the user left'));
    const error = await pending;
    expect(error.reason).toBe('cancelled');
    await connectionClosed;
  });

  it('does not follow a redirect, and says which URL to configure; a worker below a path is reached there', async () => {
    const paths: string[] = [];
    const url = await serve((request, response) => {
      paths.push(request.url ?? '');
      response.statusCode = 307;
      response.setHeader('location', 'http://example.invalid/worker/tools');
      response.end();
    });
    const client = createWorkerClient({
      settings: { id: 'moved', url: `${url}/base/`, secret, timeoutMs: 1000 },
    });
    const error = await failureOf(client.listTools());
    expect(error).toMatchObject({ reason: 'rejected', status: 307 });
    expect(error.message).toContain('which the engine does not follow');
    expect(paths).toEqual(['/base/worker/tools']);
    await client.close();
  });

  it('401 says the secrets differ, without the secret; a non-JSON body is a bad response', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/worker/tools') {
        response.statusCode = 401;
        response.end('{"message":"bad token"}');
      } else {
        response.end('<html>not a worker</html>');
      }
    });
    const client = createWorkerClient({ settings: { id: 'w', url, secret, timeoutMs: 1000 } });
    const rejected = await failureOf(client.listTools());
    expect(rejected).toMatchObject({ reason: 'rejected', status: 401 });
    expect(rejected.message).toContain('same secret');
    expect(rejected.message).not.toContain(secret);
    expect((await failureOf(client.health())).reason).toBe('bad_response');
  });
});
