// How error messages show a value they received: short, JSON-like, never the whole thing
// (a model's argument can be a long document, a server's field a large object).

const maxStringLength = 60;

/** A short, JSON-like rendering of a value for error messages, never the whole thing. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > maxStringLength ? `${value.slice(0, maxStringLength)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
