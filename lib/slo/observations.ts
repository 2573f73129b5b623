// What telemetry shows for every live integration point: the last 24 h (calls, p99, to the hour)
// and availability over each one's own SLO window — the input of the observed-behaviour rules —
// plus the drift board's trend and projected breach (its two queries, for the whole estate).
import "server-only";
import { db } from "@/lib/db/client";
import { ensureFreshHealth, recentDrift, type HealthSlo } from "./health";
import type { Observation, ObservedDrift } from "./observation";

/**
 * Read from integration_health (recomputed every minute for the whole estate, here too when stale)
 * and the drift rows it keeps: merging a day of minute histograms per integration point on every
 * findings refresh took tens of seconds on a 30-day demo estate.
 */
export async function observations(now = new Date()): Promise<Map<string, Observation>> {
  await ensureFreshHealth(now);
  const [rows, driftRows] = await Promise.all([
    db().$queryRaw<{ key: string; p99_ms_24h: number | null; calls_24h: bigint; slo: HealthSlo }[]>`
      SELECT ip.key, h.p99_ms_24h, h.calls_24h, h.slo
      FROM integration_health h JOIN integration_points ip ON ip.id = h.integration_id
      WHERE ip.lifecycle <> 'retired' AND h.last_seen_at IS NOT NULL`,
    recentDrift(now),
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
      },
    ]),
  );
}
