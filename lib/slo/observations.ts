// What telemetry shows for every live integration point, in one query: the last 24 h (calls, p99)
// and availability over each one's own SLO window — the input of the observed-behaviour rules —
// plus the drift board's trend and projected breach (its two queries, for the whole estate).
import "server-only";
import { db } from "@/lib/db/client";
import { quantile, type Histogram } from "@/lib/telemetry/histogram";
import { estateDrift } from "./drift-board";
import type { Observation, ObservedDrift } from "./observation";

export async function observations(now = new Date()): Promise<Map<string, Observation>> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const rows = await db().$queryRaw<{ key: string; calls24h: bigint | null; h24: Histogram | null; window_calls: bigint | null; window_errors: bigint | null }[]>`
    WITH rolled AS (SELECT coalesce((SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'hour'), 'epoch'::timestamptz) AS until)
    SELECT ip.key,
      sum(b.count) FILTER (WHERE b.resolution = 'minute' AND b.start >= ${dayAgo}) AS calls24h,
      edgewise_histogram_agg(b.histogram) FILTER (WHERE b.resolution = 'minute' AND b.start >= ${dayAgo}) AS h24,
      sum(b.count) FILTER (WHERE (b.resolution = 'hour' AND b.start < rolled.until) OR (b.resolution = 'minute' AND b.start >= rolled.until)) AS window_calls,
      sum(b.errors) FILTER (WHERE (b.resolution = 'hour' AND b.start < rolled.until) OR (b.resolution = 'minute' AND b.start >= rolled.until)) AS window_errors
    FROM integration_points ip
    JOIN latency_buckets b ON b.series_key = ip.id::text
    CROSS JOIN rolled
    WHERE ip.lifecycle <> 'retired' AND b.start >= ${now}::timestamptz - make_interval(days => ip.slo_window_days) AND b.start < ${now}
    GROUP BY ip.key`;
  const drift = new Map<string, ObservedDrift>();
  for (const d of await estateDrift(now)) {
    if (d.slopePercentPerDay === null) continue;
    const { slopePercentPerDay, recent7dP99Ms, daysToBreach, projectedBreachAt, driftingSince } = d;
    drift.set(d.key, { slopePercentPerDay, recent7dP99Ms, daysToBreach, projectedBreachAt, driftingSince });
  }
  return new Map(
    rows.map((r) => [
      r.key,
      {
        p99Ms24h: r.h24 ? quantile(r.h24, 0.99) : null,
        calls24h: Number(r.calls24h ?? 0),
        windowCalls: Number(r.window_calls ?? 0),
        windowErrors: Number(r.window_errors ?? 0),
        drift: drift.get(r.key) ?? null,
      },
    ]),
  );
}
