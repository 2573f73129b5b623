// The palette's recent items: what this browser opened last through it, kept in localStorage (per
// browser, not per account), newest first, each once.
export interface RecentItem {
  kind: string;
  key: string;
  label: string;
  href: string;
}

export const RECENT_KEY = "edgewise-recent";
export const RECENT_MAX = 8;

/** The list with `item` first, an earlier entry for the same page dropped, cut to `max`. */
export function withRecent(list: readonly RecentItem[], item: RecentItem, max = RECENT_MAX): RecentItem[] {
  return [item, ...list.filter((r) => r.href !== item.href)].slice(0, max);
}

/** Whatever is stored, read defensively: another version of the app, or a hand edit, may have written it. */
export function parseRecent(text: string | null): RecentItem[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value
      .filter((r): r is RecentItem => typeof r === "object" && r !== null && ["kind", "key", "label", "href"].every((f) => typeof (r as Record<string, unknown>)[f] === "string"))
      .filter((r) => r.href.startsWith("/") && !r.href.startsWith("//"))
      .slice(0, RECENT_MAX);
  } catch {
    return [];
  }
}

export function loadRecent(): RecentItem[] {
  try {
    return parseRecent(window.localStorage.getItem(RECENT_KEY));
  } catch {
    return []; // storage disabled
  }
}

export function rememberRecent(item: RecentItem): void {
  try {
    window.localStorage.setItem(RECENT_KEY, JSON.stringify(withRecent(loadRecent(), item)));
  } catch {
    /* storage disabled or full: the palette works without recents */
  }
}
