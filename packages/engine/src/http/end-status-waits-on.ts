// A waiting status long-poll answers with the current status when the engine shuts down: the
// broker ends a wait when the request's signal aborts, so the wait gets the shutdown's signal too.

/** The request, or for `GET /v1/auth/status` a copy whose signal also aborts with `shutdown`. */
export function endStatusWaitsOn(request: Request, shutdown: AbortSignal): Request {
  if (request.method !== 'GET' || new URL(request.url).pathname !== '/v1/auth/status') {
    return request;
  }
  return new Request(request.url, {
    method: 'GET',
    headers: request.headers,
    signal: AbortSignal.any([request.signal, shutdown]),
  });
}
