// No secret or token a tool was given may appear in a message or log it returns: the worker
// redacts what it was given, and the engine again what it sent.

/** Shorter values are not redacted: they would mangle ordinary words in messages. */
const minRedactedLength = 4;

/** Replaces each of `values` (longest first) with `[redacted]` in a text. */
export function createRedactor(values: readonly (string | undefined)[]): (text: string) => string {
  const sensitive = [
    ...new Set(
      values.filter(
        (value): value is string => typeof value === 'string' && value.length >= minRedactedLength,
      ),
    ),
  ].sort((a, b) => b.length - a.length);
  if (sensitive.length === 0) return (text) => text;
  return (text) =>
    sensitive.reduce((result, value) => result.split(value).join('[redacted]'), text);
}
