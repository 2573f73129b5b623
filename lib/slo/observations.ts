// What telemetry shows for every live integration point: the last 24 h (calls, p99, to the hour)
// and availability over each one's own SLO window — the input of the observed-behaviour rules —
// plus the drift board's trend and projected breach (its two queries, for the whole estate).
import "server-only";
import { db } from "@/lib/db/client";
import { ensureFreshHealth, recentDrift, type HealthSlo } from "./health";
import { retryFigures, type AttemptCounts } from "@/lib/telemetry/retries";
import type { Observation, ObservedDrift, ObservedRetries, RetryWindow } from "./observation";

/**
 * Read from integration_health (recomputed every minute for the whole estate, here too when stale)
 * and the drift rows it keeps: merging a day of minute histograms per integration point on every
 * findings refresh took tens of seconds on a 30-day demo estate.
 */
export async function observations(now = new Date()): Promise<Map<string, Observation>> {
  await ensureFreshHealth(now);
  // Reading an hour of minute buckets for retries is most of the cost (430 ms at 500 series with
  // traffic): when neither the health rows nor those buckets changed, nor the minute, the last answer
  // stands. A declaration changing does not move it: the rules look observations up by the keys they
  // evaluate, and a new integration point has none until the health refresh (which moves computed_at).
  const [stamp] = await db().$queryRaw<{ stamp: string }[]>`
    SELECT concat_ws('|', ${Math.floor(now.getTime() / 60_000)}::bigint,
      (SELECT concat(count(*), max(computed_at)) FROM integration_health),
      (SELECT concat(count(*), max(updated_at)) FROM latency_buckets WHERE resolution = 'minute' AND start >= ${new Date(now.getTime() - 3_600_000)} AND start <= ${now})) AS stamp`;
  if (lastObservations && lastObservations.stamp === stamp?.stamp) return lastObservations.value;
  const value = readObservations(now);
  const entry = { stamp: stamp?.stamp ?? "", value };
  value.catch(() => lastObservations === entry && (lastObservations = null));
  lastObservations = entry;
  return value;
}

let lastObservations: { stamp: string; value: Promise<Map<string, Observation>> } | null = null;

async function readObservations(now: Date): Promise<Map<string, Observation>> {
  const [rows, driftRows, retries] = await Promise.all([
    db().$queryRaw<{ key: string; p99_ms_24h: number | null; calls_24h: bigint; slo: HealthSlo }[]>`
      SELECT ip.key, h.p99_ms_24h, h.calls_24h, h.slo
      FROM integration_health h JOIN integration_points ip ON ip.id = h.integration_id
      WHERE ip.lifecycle <> 'retired' AND h.last_seen_at IS NOT NULL`,
    recentDrift(now),
    recentRetries(now),
  ]);
  const drift = new Map<string, ObservedDrift>();
  for (const d of driftRows) {
    if (d.slopePercentPerDay === null) continue;
    const { slopePercentPerDay, recent7dP99Ms, daysToBreach, projectedBreachAt, driftingSince } = d;
    drift.set(d.key, { slopePercentPerDay, recent7dP99Ms, daysToBreach, projectedBreachAt, driftingSince });
  }
  return new Map(
    rows.map((r) => [
      r.key,
      {
        p99Ms24h: r.p99_ms_24h,
        calls24h: Number(r.calls_24h),
        windowCalls: r.slo.windowCalls ?? 0,
        windowErrors: r.slo.windowErrors ?? 0,
        drift: drift.get(r.key) ?? null,
        ...(retries.has(r.key) ? { retries: retries.get(r.key)! } : {}),
      },
    ]),
  );
}

interface RetryRow {
  key: string;
  calls: bigint;
  errors: bigint;
  throttled: bigint;
  counts: AttemptCounts;
}

function retryWindow(r: RetryRow | undefined): RetryWindow {
  const counts = r?.counts ?? {};
  const figures = retryFigures(counts);
  const retriedCalls = Object.entries(counts).reduce((n, [k, v]) => (Number(k) > 1 && v > 0 ? n + v : n), 0);
  return { calls: Number(r?.calls ?? 0), errors: Number(r?.errors ?? 0), throttled: Number(r?.throttled ?? 0), ...figures, retriedCalls };
}

/**
 * Retries and throttling per integration point over the last 5 minutes and the last hour, from the
 * minute buckets (an hour of minutes per live integration point: a bounded read). Only those with
 * logical calls or throttled calls in the hour.
 */
async function recentRetries(now: Date): Promise<Map<string, ObservedRetries>> {
  const [hourAgo, fiveAgo] = [new Date(now.getTime() - 3_600_000), new Date(now.getTime() - 300_000)];
  const rows = await db().$queryRaw<(RetryRow & { recent: boolean })[]>`
    SELECT ip.key, w.recent, sum(b.count) AS calls, sum(b.errors) AS errors, sum(b.throttled) AS throttled, edgewise_counts_agg(b.attempt_counts) AS counts
    FROM latency_buckets b JOIN integration_points ip ON ip.id::text = b.series_key
    CROSS JOIN LATERAL (VALUES (FALSE), (TRUE)) AS w(recent)
    WHERE b.resolution = 'minute' AND b.start >= ${hourAgo} AND b.start <= ${now} AND ip.lifecycle <> 'retired'
      AND (NOT w.recent OR b.start >= ${fiveAgo})
    GROUP BY ip.key, w.recent`;
  const byKey = new Map<string, { last5m?: RetryRow; last1h?: RetryRow }>();
  for (const r of rows) byKey.set(r.key, { ...byKey.get(r.key), [r.recent ? "last5m" : "last1h"]: r });
  const out = new Map<string, ObservedRetries>();
  for (const [key, w] of byKey) {
    const last1h = retryWindow(w.last1h);
    if (last1h.logicalCalls === 0 && last1h.throttled === 0) continue;
    out.set(key, { last5m: retryWindow(w.last5m), last1h });
  }
  return out;
}
