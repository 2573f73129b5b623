// The drift board's address for a view: only what differs from the default goes in the URL.
import type { DriftSort } from "@/lib/slo/drift-row";

export function driftHref({ sort, team, page }: { sort: DriftSort; team: string | undefined; page?: number }): string {
  const q = new URLSearchParams();
  if (sort !== "drift") q.set("sort", sort);
  if (team) q.set("team", team);
  if (page && page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/drift?${s}` : "/drift";
}
