// Parameter headers (protocol 2026-07-28, Streamable HTTP, "Schema Extension"; SEP-2243): a
// tool may mark a primitive argument with `x-mcp-header: "Name"`, and a client then mirrors
// that argument's value into an `Mcp-Param-Name` header, so that gateways can route on it
// without reading the body. A server must refuse a call whose header is missing or says
// something else than the body, or the header could steer a gateway one way while the tool
// runs with another value. Values outside printable ASCII travel as `=?base64?<UTF-8>?=`.

type Declaration = { path: readonly string[]; header: string; numeric: boolean };

const base64Wrapped = /^=\?base64\?(.*)\?=$/;
const canonicalBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const decimal = /^-?\d+(?:\.\d+)?$/;

const declaresHeaders = new WeakMap<object, boolean>();

/** Whether a tool's input schema marks any argument with `x-mcp-header` (scanned once per schema). */
export function declaresParamHeaders(inputSchema: object): boolean {
  let declares = declaresHeaders.get(inputSchema);
  if (declares === undefined) {
    declares = JSON.stringify(inputSchema).includes('"x-mcp-header"');
    declaresHeaders.set(inputSchema, declares);
  }
  return declares;
}

/**
 * Why a `tools/call`'s `Mcp-Param-*` headers disagree with its arguments, or undefined when they
 * agree (or the tool declares none). Only properties reachable through `properties` can be
 * declared; an argument that is absent or null needs no header.
 */
export function mcpParamHeaderMismatch({
  inputSchema,
  input,
  headers,
}: {
  inputSchema: unknown;
  input: unknown;
  headers: Headers;
}): string | undefined {
  for (const { path, header, numeric } of declarationsOf(inputSchema, [])) {
    const expected = headerText(valueAt(input, path));
    if (expected === undefined) continue;
    const name = `Mcp-Param-${header}`;
    const sent = headers.get(name);
    if (sent === null)
      return `the arguments set ${path.join('.')} but the ${name} header is missing`;
    const decoded = decodeHeaderValue(sent);
    if (decoded === undefined) return `the ${name} header is not valid base64-wrapped UTF-8`;
    const agrees =
      numeric && decimal.test(decoded)
        ? Number(decoded) === Number(expected)
        : decoded === expected;
    if (!agrees) return `the ${name} header does not match the argument ${path.join('.')}`;
  }
  return undefined;
}

function declarationsOf(schema: unknown, path: readonly string[]): Declaration[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const declared = node['x-mcp-header'];
  const own: Declaration[] =
    typeof declared === 'string' && declared !== '' && path.length > 0
      ? [{ path, header: declared, numeric: node.type === 'integer' || node.type === 'number' }]
      : [];
  const properties = node.properties;
  if (typeof properties !== 'object' || properties === null) return own;
  return [
    ...own,
    ...Object.entries(properties).flatMap(([key, child]) => declarationsOf(child, [...path, key])),
  ];
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The header text a client sends for an argument, or undefined when it sends none. */
function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? undefined : String(value);
  }
  return undefined;
}

function decodeHeaderValue(sent: string): string | undefined {
  const wrapped = base64Wrapped.exec(sent);
  if (wrapped === null) return sent;
  const payload = wrapped[1] ?? '';
  if (!canonicalBase64.test(payload)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(payload, 'base64'));
  } catch {
    return undefined;
  }
}
