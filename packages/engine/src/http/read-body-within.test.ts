import { describe, expect, it } from 'vitest';
import { readBodyWithin } from './read-body-within.js';

/** A request whose body streams `chunks`, counting how many were pulled. */
function streamingRequest(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  const pulled = { count: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[pulled.count];
        if (next === undefined) return controller.close();
        pulled.count += 1;
        controller.enqueue(next);
      },
      cancel() {
        pulled.cancelled = true;
      },
      // Pulled only when read: nothing is fetched ahead.
    },
    { highWaterMark: 0 },
  );
  const request = new Request('http://engine.test/v1/tools/execute', {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, pulled };
}

describe('readBodyWithin', () => {
  it('reads a body within the limit, whole', async () => {
    const { request } = streamingRequest([new Uint8Array([1, 2]), new Uint8Array([3])]);
    const body = await readBodyWithin({ request, maxBytes: 3 });
    expect(body).toEqual({ type: 'read', bytes: new Uint8Array([1, 2, 3]) });
  });

  it('reads an absent body as empty', async () => {
    const request = new Request('http://engine.test/', { method: 'POST' });
    expect(await readBodyWithin({ request, maxBytes: 1 })).toEqual({
      type: 'read',
      bytes: new Uint8Array(0),
    });
  });

  it('refuses a declared length over the limit without pulling a byte', async () => {
    const { request, pulled } = streamingRequest([new Uint8Array(10)], {
      'content-length': '1000000',
    });
    expect(await readBodyWithin({ request, maxBytes: 100 })).toEqual({ type: 'too_large' });
    expect(pulled.count).toBe(0);
  });

  it('stops pulling a streamed body at the chunk that passes the limit, and cancels it', async () => {
    const chunks = Array.from({ length: 100 }, () => new Uint8Array(10));
    const { request, pulled } = streamingRequest(chunks);
    expect(await readBodyWithin({ request, maxBytes: 25 })).toEqual({ type: 'too_large' });
    expect(pulled.count).toBe(3);
    expect(pulled.cancelled).toBe(true);
  });
});
