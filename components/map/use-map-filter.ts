"use client";
// The map's filter, kept in the URL (?team=…&journey=…&focus=…&hops=…&group=…&system=…) so a view can be shared;
// the server cuts the data by the same parameters.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { filterFromParams, filterQuery, NO_FILTER, type MapFilter } from "./graph-view";

export function useMapFilter(initialTeam: string | null, initialJourney: string | null): [MapFilter, (patch: Partial<MapFilter>) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [filter, setFilter] = useState(() => filterFromParams(searchParams, { ...NO_FILTER, team: initialTeam, journey: initialJourney }));

  // Follow the URL when it changes from outside (a link, back/forward), not after our own replace.
  const lastQuery = useRef(searchParams.toString());
  useEffect(() => {
    const query = searchParams.toString();
    if (query === lastQuery.current) return;
    lastQuery.current = query;
    setFilter(filterFromParams(searchParams, { ...NO_FILTER, team: initialTeam, journey: initialJourney }));
  }, [searchParams, initialTeam, initialJourney]);

  const update = useCallback(
    (patch: Partial<MapFilter>) => {
      const next = { ...filter, ...patch };
      setFilter(next);
      const query = filterQuery(searchParams.toString(), next, { ...NO_FILTER, team: initialTeam, journey: initialJourney });
      lastQuery.current = query;
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [filter, initialTeam, initialJourney, router, pathname, searchParams],
  );
  return [filter, update];
}
