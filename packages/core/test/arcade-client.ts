import Arcade from '@arcadeai/arcadejs';
import type { ArcadeApiServer } from './arcade-api-server.js';

/** The official client, pointed at the test server, without retries unless asked for. */
export function arcadeClient({
  server,
  maxRetries = 0,
  timeout,
}: {
  server: Pick<ArcadeApiServer, 'url' | 'apiKey'>;
  maxRetries?: number;
  timeout?: number;
}): Arcade {
  return new Arcade({ apiKey: server.apiKey, baseURL: server.url, maxRetries, timeout });
}
