import Arcade, {
  APIConnectionError,
  APIConnectionTimeoutError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
} from '@arcadeai/arcadejs';
import { describe, expect, it } from 'vitest';
import { statusOf, toDeveloperError } from './client-error.js';
import { OperationAbortedError } from './operation-aborted-error.js';
import { ToolRequestError } from './tool-request-error.js';
import { ToolTransportError } from './tool-transport-error.js';

const headers = new Headers();
const client = new Arcade({ apiKey: 'arc_test', baseURL: 'http://127.0.0.1:9' });
const body = { name: 'permission_denied', message: 'token sk_body_secret rejected' };

describe('statusOf', () => {
  it('reads the status of the official client errors, and nothing else', () => {
    expect(statusOf(new PermissionDeniedError(403, body, undefined, headers))).toBe(403);
    expect(statusOf(new APIConnectionError({}))).toBeUndefined();
    expect(statusOf(new Error('403 forbidden'))).toBeUndefined();
  });
});

describe('toDeveloperError', () => {
  const operation = 'Running tool Demo.Echo';

  it('classifies by status code and keeps the response body out of the message', () => {
    const serverError = toDeveloperError({
      client,
      error: new InternalServerError(503, body, undefined, headers),
      operation,
    });
    expect(ToolTransportError.isInstance(serverError) && serverError.reason).toBe('server_error');

    const notFound = toDeveloperError({
      client,
      error: new NotFoundError(404, body, undefined, headers),
      operation,
    });
    expect(ToolRequestError.isInstance(notFound) && notFound.status).toBe(404);
    expect((notFound as Error).message).not.toContain('sk_body_secret');
  });

  it('tells a timeout from an unreachable engine', () => {
    const timeout = toDeveloperError({ client, error: new APIConnectionTimeoutError(), operation });
    const refused = toDeveloperError({ client, error: new APIConnectionError({}), operation });
    expect(ToolTransportError.isInstance(timeout) && timeout.reason).toBe('timeout');
    expect(ToolTransportError.isInstance(refused) && refused.reason).toBe('unreachable');
  });

  it('tells a timeout by the client’s own error class, not by its name, which minifiers rename', () => {
    const originalName = APIConnectionTimeoutError.name;
    Object.defineProperty(APIConnectionTimeoutError, 'name', { value: 'e' });
    try {
      const timeout = toDeveloperError({
        client,
        error: new APIConnectionTimeoutError(),
        operation,
      });
      expect(ToolTransportError.isInstance(timeout) && timeout.reason).toBe('timeout');
    } finally {
      Object.defineProperty(APIConnectionTimeoutError, 'name', { value: originalName });
    }
  });

  it('reports an aborted signal as an abort, whatever the client threw', () => {
    const controller = new AbortController();
    controller.abort();
    const error = toDeveloperError({
      client,
      error: new APIConnectionError({}),
      operation,
      signal: controller.signal,
    });
    expect(OperationAbortedError.isInstance(error)).toBe(true);
  });

  it('rethrows an error that did not come from the transport as it is', () => {
    const bug = new TypeError('cannot read properties of undefined');
    expect(toDeveloperError({ client, error: bug, operation })).toBe(bug);
  });
});
