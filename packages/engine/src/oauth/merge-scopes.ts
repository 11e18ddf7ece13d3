import { normalizeScopes } from './normalize-scopes.js';

/**
 * The union of scope sets, normalized. Scopes accumulate: a user who granted A and now needs B
 * is asked for `mergeScopes(granted, requested)`, so the new grant keeps A.
 */
export function mergeScopes(...scopeSets: Iterable<string>[]): string[] {
  return normalizeScopes(scopeSets.flatMap((scopes) => [...scopes]));
}
