import { normalizeScopes } from './normalize-scopes.js';

/** Whether a credential granted `granted` can be reused for `requested` (every scope included). */
export function scopesCover({
  granted,
  requested,
}: {
  granted: Iterable<string>;
  requested: Iterable<string>;
}): boolean {
  const available = new Set(normalizeScopes(granted));
  return normalizeScopes(requested).every((scope) => available.has(scope));
}
