import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { toFetchHandler } from './create-worker-handler.js';
import { toNodeListener } from './serve-invoke.js';
import { type CreateWorkerHandlerOptions, createWorkerRoutes } from './worker-routes.js';

// A worker on its own port: the handler on a node:http server, with invoke calls answered on
// node:http directly (serve-invoke.ts). `close()` lets calls in
// progress finish, then ends keep-alive connections the engine holds open.

/** What `serveWorker` serves, and where it listens. */
export interface ServeWorkerOptions extends CreateWorkerHandlerOptions {
  /** 0 picks a free port; the chosen one is in `url`. */
  port: number;
  /** Interface to listen on. Default 127.0.0.1; '0.0.0.0' to accept an engine on another host. */
  host?: string;
}

/** A listening worker: its URL, and how to close it. */
export interface WorkerServer {
  /** For example `http://127.0.0.1:8002`; the engine registers this URL. */
  url: string;
  close(): Promise<void>;
}

/** Serves toolkits over HTTP as a worker the engine can register. */
export async function serveWorker({
  port,
  host = '127.0.0.1',
  ...handlerOptions
}: ServeWorkerOptions): Promise<WorkerServer> {
  const routes = createWorkerRoutes(handlerOptions);
  const server: Server = createServer(
    toNodeListener({ routes, fallback: getRequestListener(toFetchHandler(routes)) }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(address.address)}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // In-flight answers are written when a connection turns idle; then it is closed too.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.once('close', () => clearInterval(sweep));
      });
      return closing;
    },
  };
}

/** A URL's host part for a listening address: wildcard addresses become loopback. */
function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
}
