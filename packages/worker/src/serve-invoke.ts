import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { WorkerAnswer, WorkerRoutes } from './worker-routes.js';

// serveWorker's path for the one request an engine sends per tool call, POST
// /worker/tools/invoke, on node:http itself. Through the Fetch handler, each call built a WHATWG
// Request with a body stream, an AbortController and a Response: a third of the worker's CPU
// per call (bench/worker.bench.ts in the engine). The answers are the Fetch handler's, from the
// same routes (worker-routes.ts), and a test sends both the same requests
// (serve-invoke.test.ts). Any other request, or an invoke whose path is spelled differently,
// goes to the Fetch handler.

const invokePath = '/worker/tools/invoke';

/** A node:http listener: invoke calls answered here, everything else by `fallback`. */
export function toNodeListener({
  routes,
  fallback,
}: {
  routes: WorkerRoutes;
  fallback: RequestListener;
}): RequestListener {
  return (request, response) => {
    if (request.method !== 'POST' || pathOf(request.url) !== invokePath) {
      fallback(request, response);
      return;
    }
    answerInvoke({ routes, request, response }).catch((error: unknown) => {
      // Only writing the answer can fail here: the connection is gone or broken.
      response.destroy(error instanceof Error ? error : undefined);
    });
  };
}

async function answerInvoke({
  routes,
  request,
  response,
}: {
  routes: WorkerRoutes;
  request: IncomingMessage;
  response: ServerResponse;
}): Promise<void> {
  let bodyRead = false;
  let answer: WorkerAnswer;
  let text: string;
  try {
    // Repeated headers count as one joined value, as in a Fetch Request: two tokens are refused.
    routes.authenticate(request.headersDistinct.authorization?.join(', '));
    const body = await readBody(request, routes.maxRequestBytes);
    if (body === undefined) {
      answer = routes.tooLarge();
    } else {
      bodyRead = true;
      let parsed: unknown;
      let isJson = true;
      try {
        parsed = JSON.parse(body);
      } catch {
        isJson = false;
      }
      answer = isJson
        ? await routes.invoke(parsed, disconnectSignal(response))
        : routes.invalidJson();
    }
    // A value a tool returned may not serialise (a BigInt, a cycle): that is a failure to
    // answer, as in the Fetch handler, not a broken connection.
    text = JSON.stringify(answer.body);
  } catch (error) {
    answer = routes.answerError(error);
    text = JSON.stringify(answer.body);
  }
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    // A body not read to its end (refused before reading, too large, or cut off) is not
    // drained: the connection closes after the answer instead.
    ...(bodyRead ? {} : { connection: 'close' }),
  });
  response.end(text);
}

/** The path of a request target, without its query. */
function pathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * The body as text (UTF-8, a leading BOM dropped, as `Request.json()` reads it), or undefined
 * once it is over `maxBytes`: at once when Content-Length says so, else as it is read. The rest
 * of a body too large is left unread (stopping an async iteration would destroy the socket
 * before the answer is written).
 */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        settle();
        request.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      settle();
      resolve(utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

const utf8 = new TextDecoder();

/** Aborted when the engine closes the connection before the answer is written. */
function disconnectSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) {
      controller.abort(new Error('The engine closed the connection before the answer.'));
    }
  });
  return controller.signal;
}
