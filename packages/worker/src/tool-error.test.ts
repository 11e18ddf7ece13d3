import { ToolgrantError } from '@toolgrant/core';
import { describe, expect, it } from 'vitest';
import { RetryableToolError, ToolError, ToolExecutionError, UpstreamError } from './tool-error.js';

describe('RetryableToolError', () => {
  it('carries the hint for the model and the retry delay', () => {
    const error = new RetryableToolError({
      message: "No label named 'Inbox2'.",
      additionalPromptContent: 'Valid labels: INBOX, SENT.',
      retryAfterMs: 500,
    });
    expect(error).toMatchObject({
      name: 'RetryableToolError',
      message: "No label named 'Inbox2'.",
      kind: 'TOOL_RUNTIME_RETRY',
      canRetry: true,
      additionalPromptContent: 'Valid labels: INBOX, SENT.',
      retryAfterMs: 500,
    });
    expect(RetryableToolError.isInstance(error)).toBe(true);
    expect(ToolError.isInstance(error)).toBe(true);
    expect(ToolgrantError.isInstance(error)).toBe(true);
    expect(ToolExecutionError.isInstance(error)).toBe(false);
  });

  it('is recognised across package copies by its marker', () => {
    const fromAnotherCopy = Object.assign(new Error('x'), {
      [Symbol.for('toolgrant.error.RetryableToolError')]: true,
    });
    expect(RetryableToolError.isInstance(fromAnotherCopy)).toBe(true);
    expect(RetryableToolError.isInstance(new Error('x'))).toBe(false);
  });
});

describe('ToolExecutionError', () => {
  it('is fatal and keeps the developer message apart', () => {
    const error = new ToolExecutionError({
      message: 'The document is locked.',
      developerMessage: 'lock held by job 42',
    });
    expect(error).toMatchObject({
      kind: 'TOOL_RUNTIME_FATAL',
      canRetry: false,
      message: 'The document is locked.',
      developerMessage: 'lock held by job 42',
    });
    expect(ToolExecutionError.isInstance(error)).toBe(true);
    expect(RetryableToolError.isInstance(error)).toBe(false);
  });
});

describe('UpstreamError', () => {
  it.each([
    [400, 'UPSTREAM_RUNTIME_BAD_REQUEST', false],
    [401, 'UPSTREAM_RUNTIME_AUTH_ERROR', false],
    [403, 'UPSTREAM_RUNTIME_AUTH_ERROR', false],
    [404, 'UPSTREAM_RUNTIME_NOT_FOUND', false],
    [409, 'UPSTREAM_RUNTIME_BAD_REQUEST', false],
    [422, 'UPSTREAM_RUNTIME_VALIDATION_ERROR', false],
    [429, 'UPSTREAM_RUNTIME_RATE_LIMIT', true],
    [500, 'UPSTREAM_RUNTIME_SERVER_ERROR', true],
    [503, 'UPSTREAM_RUNTIME_SERVER_ERROR', true],
    [302, 'UPSTREAM_RUNTIME_UNMAPPED', false],
  ])('classifies status %i as %s (can retry: %s)', (status, kind, canRetry) => {
    const error = new UpstreamError({ message: 'upstream failed', status });
    expect(error).toMatchObject({ kind, canRetry, status, statusCode: status });
    expect(UpstreamError.isInstance(error)).toBe(true);
  });

  it('rejects a status that is not an HTTP status code', () => {
    expect(() => new UpstreamError({ message: 'x', status: 42 })).toThrowError(
      'UpstreamError({ status }) got 42',
    );
  });
});
