// The decision list's state lives in the URL (filters, search, sort) so any view can be shared;
// this reads it from Next's searchParams and writes links that change part of it.

export type SearchParams = Record<string, string | string[] | undefined>;

export const LIST_KEYS = ["q", "status", "tag", "team", "integration", "author", "awaiting", "sort"] as const;
export type ListKey = (typeof LIST_KEYS)[number];
export type ListState = Partial<Record<ListKey, string>>;

export const sortOptions = [
  { value: "-number", label: "Newest first" },
  { value: "number", label: "Oldest first" },
  { value: "-updated", label: "Recently updated" },
  { value: "updated", label: "Least recently updated" },
  { value: "title", label: "Title A–Z" },
] as const;

export function readListState(sp: SearchParams): ListState {
  const state: ListState = {};
  for (const key of LIST_KEYS) {
    const raw = sp[key];
    const v = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (v) state[key] = v;
  }
  return state;
}

export function listHref(state: ListState): string {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) {
    const v = state[key];
    // The default sort stays out of the URL so the plain list has one address.
    if (v && !(key === "sort" && v === "-number")) params.set(key, v);
  }
  const qs = params.toString();
  return qs ? `/decisions?${qs}` : "/decisions";
}

/** Whether anything narrows the list (sorting does not). */
export const isFiltered = (state: ListState) => LIST_KEYS.some((k) => k !== "sort" && state[k]);

export const clearFiltersHref = (state: ListState) => listHref({ sort: state.sort });
