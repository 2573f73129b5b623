// Reconciling the catalog with reality: traffic on edges nobody declared (with a way to declare
// them), and declared integration points that have gone silent.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { quantile, type Histogram } from "./histogram";

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

/** Observed edges over the minute data kept (the last 14 days by default), busiest first. */
export async function observedEdges(actor: Actor): Promise<ObservedEdge[]> {
  authorize(actor, "catalog:read");
  const rows = await db().$queryRaw<{ series_key: string; first_seen: Date; last_seen: Date; calls: bigint; errors: bigint; histogram: Histogram }[]>`
    SELECT series_key, min(start) AS first_seen, max(start) + interval '1 minute' AS last_seen, sum(count) AS calls, sum(errors) AS errors,
           edgewise_histogram_agg(histogram) AS histogram
    FROM latency_buckets WHERE resolution = 'minute' AND series_key LIKE 'edge:%'
    GROUP BY series_key ORDER BY sum(count) DESC LIMIT 500`;
  const services = await db().$queryRaw<{ slug: string; telemetry_name: string }[]>`SELECT slug, telemetry_name FROM services`;
  const slugByName = new Map(services.map((s) => [s.telemetry_name, s.slug]));
  const slugOf = (name: string) => slugByName.get(name) ?? null;
  return rows.map((r) => {
    const [source = "", target = ""] = r.series_key.slice("edge:".length).split("->");
    return {
      source,
      target,
      sourceService: slugOf(source),
      targetService: slugOf(target),
      firstSeen: r.first_seen.toISOString(),
      lastSeen: r.last_seen.toISOString(),
      calls: Number(r.calls),
      errors: Number(r.errors),
      p99Ms: quantile(r.histogram, 0.99),
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
