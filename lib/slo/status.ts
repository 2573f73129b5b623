// An integration point's two SLOs from its declaration — availability (non-error calls) and latency
// (calls within the p99 budget) — over its rolling window, with burn rates and the alert state.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { getIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { countAtOrBelow, emptyHistogram, merge, type Histogram } from "@/lib/telemetry/histogram";
import { alertState, budget, BURN_WINDOWS, burnRate, type AlertState, type Budget, type BurnWindow, type Counts } from "./burn-rate";

const WINDOW_MS: Record<BurnWindow, number> = { "5m": 300_000, "30m": 1_800_000, "1h": 3_600_000, "2h": 7_200_000, "6h": 21_600_000, "1d": 86_400_000, "3d": 259_200_000 };

export interface SloObjective extends Budget {
  targetPercent: number;
  good: number;
  total: number;
  burnRates: Record<BurnWindow, number>;
  alert: AlertState;
}

export interface SloStatus {
  windowDays: number;
  availability: SloObjective;
  latency: SloObjective & { thresholdMs: number };
  /** True when latency goodness comes only from span histograms (within 1 %); kept for metrics later. */
  exact: boolean;
}

interface Slice {
  count: number;
  errors: number;
  histogram: Histogram;
}

async function slice(seriesKey: string, fromMs: number, toMs: number): Promise<Slice> {
  // Hours up to where they are rolled, minutes after: each call counted once.
  const [row] = await db().$queryRaw<{ count: bigint | null; errors: bigint | null; histogram: Histogram | null }[]>`
    WITH rolled AS (SELECT coalesce((SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'hour'), 'epoch'::timestamptz) AS until)
    SELECT sum(count) AS count, sum(errors) AS errors, edgewise_histogram_agg(histogram) AS histogram
    FROM latency_buckets, rolled
    WHERE series_key = ${seriesKey} AND start >= ${new Date(fromMs)} AND start < ${new Date(toMs)}
      AND ((resolution = 'hour' AND start < rolled.until) OR (resolution = 'minute' AND start >= rolled.until))`;
  return { count: Number(row?.count ?? 0), errors: Number(row?.errors ?? 0), histogram: row?.histogram ?? emptyHistogram() };
}

function objective(targetPercent: number, whole: Counts, windows: Record<BurnWindow, Counts>, windowDays: number): SloObjective {
  const burnRates = Object.fromEntries(BURN_WINDOWS.map((w) => [w, burnRate(windows[w], targetPercent)])) as Record<BurnWindow, number>;
  return { targetPercent, good: whole.good, total: whole.total, ...budget(whole, targetPercent), burnRates, alert: alertState(burnRates, windowDays) };
}

export async function sloStatus(actor: Actor, key: string, now = new Date()): Promise<SloStatus> {
  authorize(actor, "catalog:read");
  const { view } = await getIntegration(actor, key);
  const nowMs = now.getTime();
  const windowDays = view.slo.windowDays;
  const threshold = view.budget.p99Ms;
  const whole = await slice(view.id, nowMs - windowDays * 86_400_000, nowMs);
  // The burn windows are nested: read the longest once, minute by minute, and sum backwards.
  const recent = await db().$queryRaw<{ start: Date; count: bigint; errors: bigint; histogram: Histogram }[]>`
    SELECT start, count, errors, histogram FROM latency_buckets
    WHERE series_key = ${view.id} AND resolution = 'minute' AND start >= ${new Date(nowMs - WINDOW_MS["3d"])} AND start < ${now}`;
  const availability = {} as Record<BurnWindow, Counts>;
  const latency = {} as Record<BurnWindow, Counts>;
  for (const w of BURN_WINDOWS) {
    const h = emptyHistogram();
    let count = 0;
    let errors = 0;
    for (const r of recent) {
      if (r.start.getTime() < nowMs - WINDOW_MS[w]) continue;
      count += Number(r.count);
      errors += Number(r.errors);
      merge(h, r.histogram);
    }
    availability[w] = { good: count - errors, total: count };
    latency[w] = { good: countAtOrBelow(h, threshold), total: count };
  }
  return {
    windowDays,
    availability: objective(view.slo.successTargetPercent, { good: whole.count - whole.errors, total: whole.count }, availability, windowDays),
    latency: { thresholdMs: threshold, ...objective(view.slo.latencyTargetPercent, { good: countAtOrBelow(whole.histogram, threshold), total: whole.count }, latency, windowDays) },
    exact: true,
  };
}
