// The one JSON body of every 4xx and 5xx answer, from the engine's HTTP API and from a worker
// alike. The official client reads `message` (it becomes the thrown error's message, after the
// status); `name` and `code` let programs tell errors apart without reading text.

/** The JSON body of an error answer. */
export interface ErrorEnvelope {
  /** The kind of HTTP failure, for example `not_found`. */
  name: string;
  /** The specific reason, for example `tool_not_found`. */
  code: string;
  status: number;
  /** What was wrong and what to do about it. Never holds a secret. */
  message: string;
}

const statusNames: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'permission_denied',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'rate_limited',
  500: 'internal_error',
  503: 'unavailable',
};

/** The envelope for `status`; `code` defaults to the status's name. */
export function toErrorEnvelope({
  status,
  code,
  message,
}: {
  status: number;
  code?: string | undefined;
  message: string;
}): ErrorEnvelope {
  const name = statusNames[status] ?? (status >= 500 ? 'server_error' : 'client_error');
  return { name, code: code ?? name, status, message };
}
