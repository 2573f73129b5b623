// The catalog list's state lives in the URL (filters, search, sort, page) so any view can be shared.
// This reads it from Next's searchParams and writes links that change one part of it.

export type SearchParams = Record<string, string | string[] | undefined>;

export const FILTER_KEYS = ["q", "team", "source", "target", "service", "style", "protocol", "lifecycle", "criticality", "tag", "status"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Marks "the first page" in the stack of previous cursors (cursors themselves are base64url). */
const FIRST_PAGE = "~";

export interface ListState {
  filters: Partial<Record<FilterKey, string>>;
  sort: string | undefined;
  limit: string | undefined;
  cursor: string | undefined;
  /** Cursors of the pages before this one, oldest first, so "Previous" needs no server support. */
  previous: string[];
}

function first(value: string | string[] | undefined): string | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  return v ? v : undefined;
}

export function readListState(sp: SearchParams): ListState {
  const filters: ListState["filters"] = {};
  for (const key of FILTER_KEYS) {
    const v = first(sp[key]);
    if (v) filters[key] = v;
  }
  const prev = first(sp.prev);
  return {
    filters,
    sort: first(sp.sort),
    limit: first(sp.limit),
    cursor: first(sp.cursor),
    previous: prev ? prev.split(",").filter(Boolean) : [],
  };
}

/** The query for `integrationListQuerySchema`: only the parts that are set. */
export function listQueryInput(state: ListState): Record<string, string> {
  const out: Record<string, string> = { ...(state.filters as Record<string, string>) };
  if (state.sort) out.sort = state.sort;
  if (state.limit) out.limit = state.limit;
  if (state.cursor) out.cursor = state.cursor;
  return out;
}

export const hasFilters = (state: ListState) => Object.keys(state.filters).length > 0;

function href(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const qs = search.toString();
  return qs ? `/catalog?${qs}` : "/catalog";
}

/** The same view sorted differently; paging restarts because offsets mean nothing across sorts. */
export function sortHref(state: ListState, sort: string): string {
  return href({ ...state.filters, sort: sort === "key" ? undefined : sort, limit: state.limit });
}

export function nextHref(state: ListState, nextCursor: string): string {
  return href({ ...state.filters, sort: state.sort, limit: state.limit, cursor: nextCursor, prev: [...state.previous, state.cursor ?? FIRST_PAGE].join(",") });
}

export function previousHref(state: ListState): string | null {
  if (!state.cursor) return null;
  const stack = [...state.previous];
  const back = stack.pop();
  return href({ ...state.filters, sort: state.sort, limit: state.limit, cursor: back === FIRST_PAGE ? undefined : back, prev: stack.join(",") || undefined });
}

export const clearFiltersHref = (state: ListState) => href({ sort: state.sort, limit: state.limit });

/** The path and query of this view, for returning here after sign-in. */
export const currentHref = (state: ListState) =>
  href({ ...state.filters, sort: state.sort, limit: state.limit, cursor: state.cursor, prev: state.previous.join(",") || undefined });
