import { describe, expect, it } from 'vitest';
import { plainToolCall } from './plain-tool-call.js';

// The direct path answers only plain 2026-07-28 calls; everything else must be left to the SDK.

const envelope = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'client', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': { elicitation: { url: {} } },
};
const call = {
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params: { name: 'Echo_Say', arguments: { text: 'hi' }, _meta: envelope },
};
const headers = {
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/call',
  'mcp-name': 'Echo_Say',
};
const plain = (body: unknown, headerValues: Record<string, string> = headers) =>
  plainToolCall(new Headers(headerValues), body);
const withParams = (params: Record<string, unknown>) => ({
  ...call,
  params: { ...call.params, ...params },
});
const withMeta = (meta: Record<string, unknown>) => withParams({ _meta: { ...envelope, ...meta } });

describe('plainToolCall', () => {
  it('takes a plain call: its id, tool and arguments', () => {
    expect(plain(call)).toEqual({ id: 7, name: 'Echo_Say', input: { text: 'hi' } });
    expect(plain({ ...call, id: 'call-1' })?.id).toBe('call-1');
    expect(plain(withParams({ arguments: undefined }))?.input).toEqual({});
    expect(plain(call, { ...headers, 'mcp-name': ' Echo_Say ' })?.name).toBe('Echo_Say');
  });

  it.each([
    ['a batch', [call]],
    ['another method', { ...call, method: 'tools/list' }],
    ['a fractional id', { ...call, id: 1.5 }],
    ['no id (a notification)', { jsonrpc: '2.0', method: 'tools/call', params: call.params }],
    ['another JSON-RPC version', { ...call, jsonrpc: '1.0' }],
    ['an extra top-level member', { ...call, extra: true }],
    ['arguments that are not an object', withParams({ arguments: ['hi'] })],
    ['a name that is not a string', withParams({ name: 5 })],
    ['a consent round (requestState)', withParams({ requestState: 'sealed' })],
    ['a consent round (inputResponses)', withParams({ inputResponses: {} })],
    ['no envelope', withParams({ _meta: undefined })],
    ['a progress token', withMeta({ progressToken: 1 })],
    ['a log level', withMeta({ 'io.modelcontextprotocol/logLevel': 'debug' })],
    [
      'a 2025 protocol version',
      withMeta({ 'io.modelcontextprotocol/protocolVersion': '2025-11-25' }),
    ],
    [
      'no client capabilities',
      withMeta({ 'io.modelcontextprotocol/clientCapabilities': undefined }),
    ],
    ['client info the SDK refuses', withMeta({ 'io.modelcontextprotocol/clientInfo': 5 })],
    [
      'a __proto__ member',
      JSON.parse(
        `{"jsonrpc":"2.0","id":1,"method":"tools/call","__proto__":{},"params":${JSON.stringify(call.params)}}`,
      ),
    ],
  ])('leaves %s to the SDK', (_case, body) => {
    expect(plain(body)).toBeUndefined();
  });

  it.each([
    ['no MCP-Protocol-Version header', { 'mcp-method': 'tools/call', 'mcp-name': 'Echo_Say' }],
    ['another protocol version header', { ...headers, 'mcp-protocol-version': '2025-11-25' }],
    ['an Mcp-Method header naming another method', { ...headers, 'mcp-method': 'tools/list' }],
    ['an Mcp-Name header naming another tool', { ...headers, 'mcp-name': 'Echo_Shout' }],
    ['a base64 Mcp-Name header', { ...headers, 'mcp-name': '=?base64?RWNob19TYXk=?=' }],
  ])('leaves a call with %s to the SDK', (_case, headerValues) => {
    expect(plain(call, headerValues)).toBeUndefined();
  });
});
