/**
 * A scope set in canonical form: entries split on whitespace, trimmed, without empties or
 * duplicates, sorted. Scopes are compared as exact strings (a provider's scope hierarchy, such
 * as GitHub's `repo` including `public_repo`, is not known here).
 */
export function normalizeScopes(scopes: Iterable<string>): string[] {
  const unique = new Set<string>();
  for (const entry of scopes) {
    for (const scope of entry.split(/\s+/)) {
      if (scope !== '') unique.add(scope);
    }
  }
  return [...unique].sort();
}
