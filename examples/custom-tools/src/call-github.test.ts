import { createServer } from 'node:net';
import { RetryableToolError, ToolExecutionError } from '@toolgrant/worker';
import { describe, expect, it } from 'vitest';
import { callGitHub } from './call-github.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const call = async (method: 'GET' | 'POST') =>
  callGitHub({
    apiBaseUrl: `http://127.0.0.1:${await closedPort()}`,
    token: 'a-token-value',
    method,
    path: '/user/repos',
    signal: new AbortController().signal,
    action: { description: 'do it' },
  }).catch((error: unknown) => error);

describe('callGitHub when GitHub cannot be reached', () => {
  it('a GET may simply be tried again', async () => {
    const error = await call('GET');
    expect(RetryableToolError.isInstance(error)).toBe(true);
    expect((error as RetryableToolError).message).toBe('GitHub could not be reached to do it.');
  });

  it('a POST may have happened: check before trying again', async () => {
    const error = await call('POST');
    expect(ToolExecutionError.isInstance(error)).toBe(true);
    expect((error as ToolExecutionError).message).toBe(
      'The connection to GitHub failed while trying to do it; it is not known whether it happened. Check on GitHub before trying again.',
    );
    expect(JSON.stringify(error)).not.toContain('a-token-value');
  });
});
