// Reads a request body only up to `maxBytes`: a declared Content-Length over the limit is
// refused before a byte is read, and a streamed (chunked) body is counted as it arrives and
// abandoned as soon as it passes the limit. At most `maxBytes` are ever held.

/** A body read whole, or word that it passed the limit. */
export type BodyWithin = { type: 'read'; bytes: Uint8Array<ArrayBuffer> } | { type: 'too_large' };

/** Reads a request body, holding at most `maxBytes` of it. */
export async function readBodyWithin({
  request,
  maxBytes,
}: {
  request: Request;
  maxBytes: number;
}): Promise<BodyWithin> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !request.headers.has('transfer-encoding')) {
    const length = Number(declared);
    if (Number.isFinite(length) && length > maxBytes) return { type: 'too_large' };
  }
  if (request.body === null) return { type: 'read', bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop pulling: the rest is never read into memory.
      await reader.cancel().catch(() => {});
      return { type: 'too_large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { type: 'read', bytes };
}
