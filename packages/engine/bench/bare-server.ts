import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// The ceiling: a bare node:http server that reads each request body and answers with the
// same JSON the engine answers an execution with. Prints `{"url": ...}` once listening.

const { body } = JSON.parse(process.env.TOOLGRANT_E2E_SETTINGS ?? '{"body":"{}"}') as {
  body: string;
};
const payload = Buffer.from(body);

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': payload.length,
    });
    response.end(payload);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
