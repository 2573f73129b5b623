// Reconciling the catalog with reality: traffic on edges nobody declared (with a way to declare
// them), and declared integration points that have gone silent.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { addTally, emptyTally, quantile, type Histogram, type Tally } from "./histogram";
import { readSettledLines } from "./rollup";

export interface ObservedEdge {
  source: string;
  target: string;
  /** The services whose telemetry names these are, when the catalog knows them. */
  sourceService: string | null;
  targetService: string | null;
  firstSeen: string;
  lastSeen: string;
  calls: number;
  errors: number;
  p99Ms: number | null;
}

export interface SilentIntegration {
  key: string;
  lastSeen: string;
}

/**
 * Observed edges over the minute data kept (the last 14 days by default), busiest first. Calls,
 * errors and p99 come from settled hours and the minutes after them (336 rows an edge over 14 days,
 * not 20,160: the overview asks on every visit); first and last seen to the minute, by index probes.
 */
export async function observedEdges(actor: Actor): Promise<ObservedEdge[]> {
  authorize(actor, "catalog:read");
  const since = new Date(Math.floor((Date.now() - env().EDGEWISE_RETENTION_MINUTE_DAYS * 86_400_000) / 3_600_000) * 3_600_000);
  const { hour: settled } = await readSettledLines();
  const rows = await db().$queryRaw<{ series_key: string; resolution: string; start: Date; count: bigint; errors: bigint; histogram: Histogram }[]>`
    SELECT series_key, resolution, start, count, errors, histogram
    FROM latency_buckets
    WHERE series_key LIKE 'edge:%'
      AND ((resolution = 'hour' AND start >= ${since} AND start < ${settled}) OR (resolution = 'minute' AND start >= greatest(${settled}::timestamptz, ${since})))`;
  const bySeries = new Map<string, Tally & { first: number; last: number }>();
  for (const r of rows) {
    let e = bySeries.get(r.series_key);
    if (!e) bySeries.set(r.series_key, (e = { ...emptyTally(), first: Infinity, last: -Infinity }));
    addTally(e, r);
    e.first = Math.min(e.first, r.start.getTime());
    e.last = Math.max(e.last, r.start.getTime() + (r.resolution === "hour" ? 3_600_000 : 60_000));
  }
  const busiest = [...bySeries].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1)).slice(0, 500);
  const keys = busiest.map(([key]) => key);
  const [seen, services] = await Promise.all([
    db().$queryRaw<{ series_key: string; first: Date | null; last: Date | null }[]>`
      SELECT k AS series_key,
             (SELECT min(start) FROM latency_buckets WHERE series_key = k AND resolution = 'minute') AS first,
             (SELECT max(start) + interval '1 minute' FROM latency_buckets WHERE series_key = k AND resolution = 'minute') AS last
      FROM unnest(${keys}::text[]) AS k`,
    db().$queryRaw<{ slug: string; telemetry_name: string }[]>`SELECT slug, telemetry_name FROM services`,
  ]);
  const seenBy = new Map(seen.map((r) => [r.series_key, r]));
  const slugByName = new Map(services.map((s) => [s.telemetry_name, s.slug]));
  const slugOf = (name: string) => slugByName.get(name) ?? null;
  return busiest.map(([key, e]) => {
    const [source = "", target = ""] = key.slice("edge:".length).split("->");
    const probe = seenBy.get(key);
    return {
      source,
      target,
      sourceService: slugOf(source),
      targetService: slugOf(target),
      firstSeen: (probe?.first ?? new Date(e.first)).toISOString(),
      lastSeen: (probe?.last ?? new Date(e.last)).toISOString(),
      calls: e.count,
      errors: e.errors,
      p99Ms: quantile(e.histogram, 0.99),
    };
  });
}

/** Live integration points that had traffic once but none for EDGEWISE_SILENT_AFTER_HOURS. */
export async function silentIntegrations(actor: Actor, now = new Date()): Promise<SilentIntegration[]> {
  authorize(actor, "catalog:read");
  const cutoff = new Date(now.getTime() - env().EDGEWISE_SILENT_AFTER_HOURS * 3_600_000);
  const rows = await db().$queryRaw<{ key: string; last_seen: Date }[]>`
    SELECT ip.key, max(b.start) + interval '1 minute' AS last_seen
    FROM integration_points ip JOIN latency_buckets b ON b.series_key = ip.id::text
    WHERE ip.lifecycle <> 'retired'
    GROUP BY ip.key HAVING max(b.start) + interval '1 minute' < ${cutoff}
    ORDER BY last_seen`;
  return rows.map((r) => ({ key: r.key, lastSeen: r.last_seen.toISOString() }));
}
