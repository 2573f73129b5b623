// The declarations attribution reads (every live integration's telemetry match), cached per process
// and keyed by a stamp of the catalog: the commit statement compares the stamp it was folded with, so
// a batch attributed with stale declarations is never written (see ingest-store.ts).
import "server-only";
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import type { TelemetryMatch } from "./attribute";

export interface CatalogMatches {
  stamp: string;
  matches: TelemetryMatch[];
}

let cache: CatalogMatches | null = null;

/** What changes whenever a declaration that attribution reads does: compared, never parsed. */
export const CATALOG_STAMP = Prisma.sql`concat((SELECT concat(count(*), max(updated_at)) FROM integration_points), '|',
                                        (SELECT concat(count(*), max(updated_at)) FROM services))`;

/** The matches last read by this process, if any: no query at all (the commit checks them). */
export const lastSeenMatches = (): CatalogMatches | null => cache;

/** Telemetry matches of every live integration (names default to the services' telemetry names), read when the stamp moved. */
export async function currentMatches(): Promise<CatalogMatches> {
  const [row] = await db().$queryRaw<{ stamp: string }[]>`SELECT ${CATALOG_STAMP} AS stamp`;
  const stamp = row?.stamp ?? "";
  if (cache && cache.stamp === stamp) return cache;
  const rows = await db().$queryRaw<{ id: string; operation: string; style: string; source: string; target: string; semantics: { telemetry?: { sourceName?: string | null; targetName?: string | null; operation?: string | null; side?: "client" | "server" } | null } }[]>`
    SELECT ip.id, ip.operation, ip.style, s.telemetry_name AS source, t.telemetry_name AS target, ip.semantics
    FROM integration_points ip
    JOIN services s ON s.id = ip.source_service_id
    JOIN services t ON t.id = ip.target_service_id
    WHERE ip.lifecycle <> 'retired'`;
  const matches = rows.map((r) => ({
    key: r.id,
    sourceName: r.semantics.telemetry?.sourceName ?? r.source,
    targetName: r.semantics.telemetry?.targetName ?? r.target,
    operation: r.semantics.telemetry?.operation ?? null,
    declaredOperation: r.operation,
    side: r.semantics.telemetry?.side ?? "client",
    // Asynchronous integrations are held to their budget by delivery lag; hybrid ones by their synchronous acknowledgement.
    lag: r.style !== "sync" && r.style !== "hybrid",
  }));
  cache = { stamp, matches };
  return cache;
}
