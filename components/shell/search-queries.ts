"use client";
// The palette's server search: query keys and a debounced hook over GET /api/search.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import type { SearchResult } from "@/lib/search/search";

export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_LIMIT = 5;
/** The longest text GET /api/search accepts (searchQuerySchema's `q`, which is server-only); the input stops there. */
export const SEARCH_MAX_QUERY_CHARS = 100;

export const searchKeys = {
  all: ["search"] as const,
  query: (q: string, limit: number) => ["search", q, limit] as const,
};

export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The search for `text` once typing pauses; `settled` is false while a newer text waits for its turn. */
export function useSearch(text: string) {
  const q = text.trim();
  const debounced = useDebounced(q, SEARCH_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: searchKeys.query(debounced, SEARCH_LIMIT),
    // The signal aborts a request whose text was superseded once nothing observes it any more.
    queryFn: ({ signal }) => fetchJson<SearchResult>(`/api/search?q=${encodeURIComponent(debounced)}&limit=${SEARCH_LIMIT}`, { signal }),
    enabled: debounced.length > 0,
    staleTime: 30_000,
  });
  return { ...query, settled: debounced === q };
}
