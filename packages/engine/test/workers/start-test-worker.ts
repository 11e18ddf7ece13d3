import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createWorkerHandler, type Toolkit } from '@toolgrant/worker';
import { listenOnLoopback } from '../listen-on-loopback.js';

// A worker in the test's process: the worker package's own handler on a loopback port, with
// every invoke request the engine sends recorded as the worker received it (and every request
// at all, for tests that prove a worker was never sent something).

export type TestWorker = {
  url: string;
  port: number;
  /** The JSON bodies of POST /worker/tools/invoke, in arrival order. */
  invocations: Record<string, unknown>[];
  /** Every request, in arrival order: method, path and query, headers and body as text. */
  requests: { method: string; path: string; headers: string; body: string }[];
  close(): Promise<void>;
};

export async function startTestWorker({
  toolkits,
  secret,
  port = 0,
}: {
  toolkits: readonly Toolkit[];
  secret: string;
  port?: number;
}): Promise<TestWorker> {
  const handler = createWorkerHandler({ toolkits, secret });
  const invocations: Record<string, unknown>[] = [];
  const requests: TestWorker['requests'] = [];
  const server = createServer(
    getRequestListener(async (request) => {
      const url = new URL(request.url);
      requests.push({
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers: JSON.stringify([...request.headers]),
        body: await request.clone().text(),
      });
      if (url.pathname === '/worker/tools/invoke') {
        invocations.push((await request.clone().json()) as Record<string, unknown>);
      }
      return handler(request);
    }),
  );
  return { ...(await listenOnLoopback(server, port)), invocations, requests };
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
