import { describe, expect, it } from 'vitest';
import { toErrorEnvelope } from './error-envelope.js';

describe('toErrorEnvelope', () => {
  it('names the status, and uses the name as code when no code is given', () => {
    expect(toErrorEnvelope({ status: 404, code: 'tool_not_found', message: 'm' })).toEqual({
      name: 'not_found',
      code: 'tool_not_found',
      status: 404,
      message: 'm',
    });
    expect(toErrorEnvelope({ status: 413, message: 'm' })).toEqual({
      name: 'payload_too_large',
      code: 'payload_too_large',
      status: 413,
      message: 'm',
    });
  });

  it('falls back to client_error and server_error for statuses without a name', () => {
    expect(toErrorEnvelope({ status: 418, message: 'm' }).name).toBe('client_error');
    expect(toErrorEnvelope({ status: 502, message: 'm' }).name).toBe('server_error');
  });
});
