// The drift board's address for a view: only what differs from the default goes in the URL.
import type { DriftSort } from "@/lib/slo/drift-row";

export function driftHref({ sort, team }: { sort: DriftSort; team: string | undefined }): string {
  const q = new URLSearchParams();
  if (sort !== "drift") q.set("sort", sort);
  if (team) q.set("team", team);
  const s = q.toString();
  return s ? `/drift?${s}` : "/drift";
}
