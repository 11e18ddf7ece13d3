import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Puts a test's HTTP server on a loopback port, and closes it without waiting for idle
// keep-alive connections (an engine holds some open to the servers it calls).

export type LoopbackServer = { url: string; port: number; close(): Promise<void> };

/** Listens on `port` (default: any free one) at 127.0.0.1; rejects if it cannot. */
export async function listenOnLoopback(server: Server, port = 0): Promise<LoopbackServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: listeningPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${listeningPort}`,
    port: listeningPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
