import { describe, expect, it } from 'vitest';
import { toErrorKind } from './to-error-kind.js';

describe('toErrorKind', () => {
  it.each([
    ['TOOL_RUNTIME_RETRY', 'TOOL_RUNTIME_RETRY'],
    ['tool_runtime_retry', 'TOOL_RUNTIME_RETRY'],
    ['upstream_runtime_rate_limit', 'UPSTREAM_RUNTIME_RATE_LIMIT'],
    ['tool_runtime_execution', 'TOOL_RUNTIME_FATAL'],
    ['tool_serialization', 'TOOL_RUNTIME_BAD_OUTPUT_VALUE'],
    ['tool_runtime_response_extraction', 'TOOL_RUNTIME_BAD_OUTPUT_VALUE'],
    ['unknown', 'UNKNOWN'],
    ['SOMETHING_NEW', 'UNKNOWN'],
    ['constructor', 'UNKNOWN'],
    ['__proto__', 'UNKNOWN'],
    [undefined, 'UNKNOWN'],
  ])('reads %j as %s', (kind, expected) => {
    expect(toErrorKind(kind)).toBe(expected);
  });
});
