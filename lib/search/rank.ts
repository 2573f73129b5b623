// How a search hit ranks (issue 20's command palette): an exact key, slug or name first, then a
// prefix, then a substring, case-insensitively. Pure: the pages list ranks with it in the browser,
// and the server's SQL (./search.ts) retrieves candidates tier by tier in the same order.
export const matchTiers = ["exact", "prefix", "substring"] as const;
export type MatchTier = (typeof matchTiers)[number];

/** Substrings shorter than this would match most of a large estate and no trigram index helps them. */
export const MIN_SUBSTRING_CHARS = 3;

/** The best tier any of the fields reaches for the query, or null when none matches. */
export function matchTier(query: string, fields: readonly string[]): MatchTier | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const lowered = fields.map((f) => f.toLowerCase());
  if (lowered.some((f) => f === q)) return "exact";
  if (lowered.some((f) => f.startsWith(q))) return "prefix";
  if (q.length >= MIN_SUBSTRING_CHARS && lowered.some((f) => f.includes(q))) return "substring";
  return null;
}

export const tierOrder = (tier: MatchTier) => matchTiers.indexOf(tier);

/** Best tier first, then by the sort text (a key or slug), so equal tiers read alphabetically. */
export function byTier<T extends { tier: MatchTier; sortText: string }>(a: T, b: T): number {
  return tierOrder(a.tier) - tierOrder(b.tier) || (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0);
}

/** "ADR-0012", "adr-12", "#12", "12": the decision record number a query names, if any. */
export function decisionNumberOf(query: string): number | null {
  const m = /^(?:adr-?|#)?0*(\d{1,9})$/i.exec(query.trim());
  const n = m ? Number(m[1]) : NaN;
  return n > 0 ? n : null;
}

/** LIKE patterns for a lower-cased query, with LIKE's own wildcards and escape character made literal. */
export function likePatterns(query: string): { exact: string; prefix: string; substring: string } {
  const exact = query.trim().toLowerCase();
  const escaped = exact.replace(/[\\%_]/g, (c) => `\\${c}`);
  return { exact, prefix: `${escaped}%`, substring: `%${escaped}%` };
}
