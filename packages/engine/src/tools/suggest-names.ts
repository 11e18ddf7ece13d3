// "Did you mean": the known names closest to a mistyped one, by edit distance, compared
// without regard to case. Edit distance costs the product of the two lengths, so a name
// longer than any tool name could be gets no suggestions, and no work is done for it.

/** Names longer than this (UTF-16 code units) get no suggestions. */
export const maxSuggestedNameLength = 256;

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `limit` of `candidates` close to `name`, closest first. A candidate counts as close
 * when its distance is at most a third of the longer name (at least 2), or when one contains
 * the other (`ListEmails` -> `Gmail.ListEmails`).
 */
export function suggestNames({
  name,
  candidates,
  limit = 3,
}: {
  name: string;
  candidates: readonly string[];
  limit?: number;
}): string[] {
  if (name === '' || name.length > maxSuggestedNameLength) return [];
  const wanted = name.toLowerCase();
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate.length > maxSuggestedNameLength) continue;
    const known = candidate.toLowerCase();
    const allowed = Math.max(2, Math.floor(Math.max(wanted.length, known.length) / 3));
    const contains =
      Math.min(wanted.length, known.length) >= 3 &&
      (known.includes(wanted) || wanted.includes(known));
    // The distance is at least the difference in length: skip what cannot be close.
    if (!contains && Math.abs(wanted.length - known.length) > allowed) continue;
    const distance = editDistance(wanted, known);
    if (distance <= allowed || contains) scored.push({ candidate, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
