// What the palette lists for a text: with none, the recent items and every page; with some, the pages
// that match (ranked in the browser, like the server ranks the rest) among the server's groups.
import { byTier, matchTier, tierOrder, type MatchTier } from "@/lib/search/rank";
import type { SearchResult } from "@/lib/search/search";
import type { RecentItem } from "./recent-items";

export interface PaletteOption {
  id: string;
  kind: string;
  key: string;
  label: string;
  detail: string;
  href: string;
}
export interface PaletteGroup {
  kind: string;
  title: string;
  options: PaletteOption[];
}

export const GROUP_TITLES: Record<string, string> = {
  recent: "Recent",
  page: "Pages",
  integration: "Integration points",
  service: "Services",
  team: "Teams",
  journey: "Journeys",
  decision: "Decision records",
};

/** Letters and digits stay; every other character becomes `_<hex code point>_`, so distinct hrefs
 * (`a.b`, `a_b`, `a-b`) never share a DOM id, and the id stays the same while the list around the
 * option changes (the active option is tracked by it). */
const escapeId = (text: string) => Array.from(text, (c) => (/[a-zA-Z0-9]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}_`)).join("");
export const optionId = (group: string, href: string) => `palette-${escapeId(group)}-${escapeId(href)}`;

export function paletteGroups(text: string, recent: readonly RecentItem[], pages: readonly { href: string; label: string }[], result: SearchResult | undefined): PaletteGroup[] {
  const q = text.trim();
  const pageOption = (p: { href: string; label: string }): PaletteOption => ({ id: optionId("page", p.href), kind: "page", key: p.href, label: p.label, detail: p.href, href: p.href });
  if (!q) {
    const groups: PaletteGroup[] = [];
    // Stored by hand or by another version, the list may name a page twice; each option's id must be unique.
    const once = recent.filter((r, i) => recent.findIndex((o) => o.href === r.href) === i);
    if (once.length) groups.push({ kind: "recent", title: GROUP_TITLES.recent!, options: once.map((r) => ({ id: optionId("recent", r.href), kind: r.kind, key: r.key, label: r.label, detail: GROUP_TITLES[r.kind] ?? r.kind, href: r.href })) });
    groups.push({ kind: "page", title: GROUP_TITLES.page!, options: pages.map(pageOption) });
    return groups;
  }
  const matched = pages
    .map((p) => ({ p, tier: matchTier(q, [p.label, p.href.replace(/^\//, "")]), sortText: p.label.toLowerCase() }))
    .filter((m): m is { p: { href: string; label: string }; tier: MatchTier; sortText: string } => m.tier !== null)
    .sort(byTier);
  const server = (result?.query === q ? result.groups : []).map((g) => ({
    kind: g.kind,
    title: GROUP_TITLES[g.kind] ?? g.kind,
    tier: g.items[0]!.tier,
    options: g.items.map((i) => ({ id: optionId(g.kind, i.href), kind: g.kind, key: i.key, label: i.label, detail: i.detail, href: i.href })),
  }));
  if (!matched.length) return server.map(({ tier: _tier, ...g }) => g);
  // Pages go before the first server group that ranks worse (on a tie, pages first: they are instant).
  const pagesGroup = { kind: "page", title: GROUP_TITLES.page!, tier: matched[0]!.tier, options: matched.map((m) => pageOption(m.p)) };
  const at = server.findIndex((g) => tierOrder(g.tier) >= tierOrder(pagesGroup.tier));
  const all = at < 0 ? [...server, pagesGroup] : [...server.slice(0, at), pagesGroup, ...server.slice(at)];
  return all.map(({ tier: _tier, ...g }) => g);
}

/** The active option: the one with `activeId` while it is listed, else the first (or none). */
export function activeOption(options: readonly PaletteOption[], activeId: string | null): PaletteOption | undefined {
  return options.find((o) => o.id === activeId) ?? options[0];
}

/** The option an arrow key moves to from `current`, wrapping at either end. */
export function stepOption(options: readonly PaletteOption[], current: PaletteOption | undefined, step: 1 | -1): PaletteOption | undefined {
  if (!options.length) return undefined;
  const at = current ? options.indexOf(current) : -1;
  if (at < 0) return options[step > 0 ? 0 : options.length - 1];
  return options[(at + step + options.length) % options.length];
}

/** What the live region says: the search's progress or failure, else how many options the text found. */
export function paletteStatus(text: string, count: number, search: { waiting: boolean; error?: string }): string {
  const q = text.trim();
  if (search.error !== undefined) return `Search failed: ${search.error}. The pages below still work.`;
  if (!q) return "";
  if (search.waiting) return "Searching…";
  if (count === 0) return `No results for “${q}”`;
  return count === 1 ? "1 result" : `${count} results`;
}
