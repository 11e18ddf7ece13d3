// "Did you mean": the known names closest to a mistyped one, by edit distance, compared
// without regard to case.

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
  const wanted = name.toLowerCase();
  if (wanted === '') return [];
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const known = candidate.toLowerCase();
    const distance = editDistance(wanted, known);
    const allowed = Math.max(2, Math.floor(Math.max(wanted.length, known.length) / 3));
    const contains = known.includes(wanted) || wanted.includes(known);
    if (distance <= allowed || (contains && Math.min(wanted.length, known.length) >= 3)) {
      scored.push({ candidate, distance });
    }
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
