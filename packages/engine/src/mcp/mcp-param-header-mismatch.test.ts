import { describe, expect, it } from 'vitest';
import { mcpParamHeaderMismatch } from './mcp-param-header-mismatch.js';

const inputSchema = {
  type: 'object',
  properties: {
    region: { type: 'string', 'x-mcp-header': 'Region' },
    level: { type: 'integer', 'x-mcp-header': 'Level' },
    target: { type: 'object', properties: { city: { type: 'string', 'x-mcp-header': 'City' } } },
    note: { type: 'string' },
  },
};
const check = (input: unknown, headers: Record<string, string>) =>
  mcpParamHeaderMismatch({ inputSchema, input, headers: new Headers(headers) });
const wrapped = (text: string) => `=?base64?${Buffer.from(text, 'utf8').toString('base64')}?=`;

describe('mcpParamHeaderMismatch', () => {
  it('accepts headers that mirror the declared arguments, nested ones included', () => {
    expect(
      check(
        { region: 'eu-west', level: 3, target: { city: 'Lyon' }, note: 'x' },
        { 'Mcp-Param-Region': 'eu-west', 'Mcp-Param-Level': '3', 'Mcp-Param-City': 'Lyon' },
      ),
    ).toBeUndefined();
  });

  it('needs no header for an argument that is absent or null, and ignores undeclared ones', () => {
    expect(check({ region: null, note: 'anything' }, {})).toBeUndefined();
  });

  it('decodes base64-wrapped UTF-8 and compares numbers as numbers', () => {
    expect(
      check(
        { region: 'Zürich', level: 42 },
        { 'Mcp-Param-Region': wrapped('Zürich'), 'Mcp-Param-Level': '42.0' },
      ),
    ).toBeUndefined();
  });

  it('refuses a missing header, a different value, and a malformed base64 value, naming the header', () => {
    expect(check({ region: 'eu-west' }, {})).toBe(
      'the arguments set region but the Mcp-Param-Region header is missing',
    );
    expect(check({ region: 'eu-west' }, { 'Mcp-Param-Region': 'us-east' })).toBe(
      'the Mcp-Param-Region header does not match the argument region',
    );
    expect(check({ target: { city: 'Lyon' } }, { 'Mcp-Param-City': 'Paris' })).toContain(
      'Mcp-Param-City',
    );
    expect(check({ region: 'eu-west' }, { 'Mcp-Param-Region': '=?base64?not base64!?=' })).toBe(
      'the Mcp-Param-Region header is not valid base64-wrapped UTF-8',
    );
  });
});
