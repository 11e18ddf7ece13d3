import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

// A reverse proxy in front of the engine that keeps every response it passes on: status,
// headers (redirect targets, cookies) and body. With the engine's baseUrl set to the proxy,
// browsers, the provider's redirects and the client all go through it, so a test sees every
// byte the engine sent to anyone. Request headers (the API key) are forwarded, not recorded.

export async function startRecordingProxy({ responses }: { responses: string[] }): Promise<{
  url: string;
  /** Where requests go: the engine's listening URL. */
  setTarget(target: string): void;
  close(): Promise<void>;
}> {
  let target: URL | undefined;
  const server = createServer((incoming, outgoing) => {
    if (target === undefined) {
      outgoing.writeHead(503).end('no target yet');
      return;
    }
    const upstream = request(
      new URL(incoming.url ?? '/', target),
      { method: incoming.method, headers: incoming.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          responses.push(
            `${incoming.method} ${new URL(incoming.url ?? '/', target).pathname} -> ${response.statusCode} ${JSON.stringify(response.headers)} ${body.toString('utf8')}`,
          );
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          outgoing.end(body);
        });
      },
    );
    upstream.on('error', (error) => {
      outgoing.writeHead(502).end(`proxy: ${error.message}`);
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setTarget(value) {
      target = new URL(value);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
