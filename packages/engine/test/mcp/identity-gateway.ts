import { createServer, request } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from '../listen-on-loopback.js';

// An app server in front of the engine's /mcp, as the engine README describes the trusted
// setup: MCP clients reach it without credentials, and it forwards each request with the
// engine's API key and the end user's id (Arcade's header names). Everything else passes
// unchanged in both directions, Host and Origin included, so the engine's own checks (DNS
// rebinding, headers, sessions) still see exactly what the client sent. Streams are piped.

export async function startIdentityGateway({
  engineUrl,
  apiKey,
  userId,
}: {
  engineUrl: string;
  apiKey: string;
  userId: string;
}): Promise<LoopbackServer> {
  const target = new URL(engineUrl);
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: {
          ...incoming.headers,
          authorization: `Bearer ${apiKey}`,
          'arcade-user-id': userId,
        },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end(`gateway: ${error.message}`);
      else outgoing.destroy();
    });
    outgoing.on('close', () => upstream.destroy());
    incoming.pipe(upstream);
  });
  return listenOnLoopback(server);
}
