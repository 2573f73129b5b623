// The health of every live integration point at once, written to integration_health: the server's
// schedule refreshes it every minute (and readers on demand when it is stale), so the catalog can
// filter by status and the overview count it without touching the histograms.
import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readRolledUntil } from "@/lib/telemetry/rollup";
import { quantile, RELATIVE_ACCURACY, type Histogram } from "@/lib/telemetry/histogram";
import { alertState, budget, BURN_WINDOWS, burnRate, type AlertState, type BurnWindow, type Counts } from "./burn-rate";
import { estateDrift, type DriftRow } from "./drift-board";
import { appUrl } from "@/lib/notifications/app-url";
import { recordEvents } from "@/lib/notifications/outbox";
import type { NotificationEvent } from "@/lib/notifications/types";
import { healthEvents, type HealthSnapshot } from "./health-events";
import { classifyHealth, HEALTH_MAX_AGE_MS, type HealthStatus } from "./health-status";

export { HEALTH_MAX_AGE_MS };

// Arbitrary constant: one refresher at a time across server instances.
const HEALTH_LOCK = 7_220_415_011;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
/** The drift trend moves by the day: recomputing it every quarter of an hour is plenty. */
const DRIFT_MAX_AGE_MS = 15 * 60_000;

export interface SloHealth {
  targetPercent: number;
  burnRates: Record<BurnWindow, number>;
  alert: AlertState["state"];
  remainingPercent: number | null;
  /** The alert episode under way (for its notification events): when it started and how it fired. */
  episode?: { since: string; severity: "critical" | "warning" } | null;
}

export interface HealthSlo {
  availability: SloHealth;
  latency: SloHealth;
  /** Calls and errors over the SLO window (what the error-budget rule reads). */
  windowCalls: number;
  windowErrors: number;
  /** When the current breaching / at-risk / silent status began (for its notification events). */
  statusSince?: string | null;
  /** The drift change point last reported, and since when a breach has been projected within the horizon. */
  driftSince?: string | null;
  breachProjectedSince?: string | null;
}

interface Row {
  id: string;
  key: string;
  budget_p99_ms: number;
  success_target: number;
  latency_target: number;
  window_days: number;
  last_seen: Date | null;
  window_calls: bigint | null;
  window_errors: bigint | null;
  window_good: bigint | null;
  h24: Histogram | null;
  calls24h: bigint | null;
  errors24h: bigint | null;
  // Per burn window: calls, errors and calls within the p99 budget.
  [column: `${"c" | "e" | "g"}_${string}`]: bigint | null;
}

const col = (prefix: "c" | "e" | "g", w: BurnWindow) => `${prefix}_${w}` as const;

/**
 * One pass over the buckets of the whole estate. Windows up to 6 h read minutes (exact); 1 d and 3 d
 * read hours where they are rolled up and minutes after (to the hour); the SLO window the same, but its
 * whole UTC days where days are rolled up as day buckets (a 28-day window reads about 28 + 48 buckets
 * a series instead of 672). A bucket's
 * calls within the budget come from its histogram, skipping the bucket walk when min/max decide it.
 */
async function estateRows(tx: Tx, now: Date): Promise<Row[]> {
  const at = (ms: number) => new Date(now.getTime() - ms);
  // Bounds computed before the read, not inside it: each bucket range below is then an index range per
  // series (a read a moment early is still exact, as the roll-up leaves the finer buckets in place).
  const rolled = await readRolledUntil();
  const hourUntil = rolled.hour;
  const dayUntil = new Date(Math.min(rolled.day.getTime(), hourUntil.getTime()));
  const sixHoursAgo = at(6 * 3_600_000);
  const minutesFrom = new Date(Math.min(hourUntil.getTime(), sixHoursAgo.getTime()));
  const threeDaysAgo = at(3 * 86_400_000);
  // The 24 h figures are exact: hours that start inside the 24 h, and for the ragged hour before them its
  // five-minute buckets where rolled up (a dozen rows a series instead of 60) and minutes at its edges.
  const dayAgo = at(86_400_000);
  const dayAgoHour = new Date(Math.min(Math.ceil(dayAgo.getTime() / 3_600_000) * 3_600_000, hourUntil.getTime()));
  const FIVE = 300_000;
  const fiveFrom = new Date(Math.min(Math.ceil(dayAgo.getTime() / FIVE) * FIVE, dayAgoHour.getTime()));
  const fiveTo = new Date(Math.max(fiveFrom.getTime(), Math.min(dayAgoHour.getTime(), Math.floor(rolled.five_minute.getTime() / FIVE) * FIVE)));
  return tx.$queryRaw<Row[]>`
    WITH ips AS (
      SELECT id, key, id::text AS series_key, budget_p99_ms, slo_success_target_percent AS success_target, slo_latency_target_percent AS latency_target,
             slo_window_days AS window_days, floor(ln(budget_p99_ms * ${(GAMMA + 1) / 2}) / ${Math.log(GAMMA)})::int AS top_index,
             ${now}::timestamptz - make_interval(days => slo_window_days) AS window_start,
             -- The first UTC midnight inside the SLO window: whole days from there are read as day buckets.
             date_trunc('day', ${now}::timestamptz - make_interval(days => slo_window_days) - interval '1 microsecond', 'UTC') + interval '1 day' AS days_from
      FROM integration_points WHERE lifecycle <> 'retired'
    ),
    tiles AS (
      -- Histograms are carried only where the 24 h p99 needs them: this CTE is materialized.
      SELECT b.series_key, b.resolution, b.start, b.count, b.errors,
        CASE WHEN b.start >= ${dayAgo} THEN b.histogram END AS histogram,
        CASE WHEN (b.histogram->>'maxMs')::float8 <= ips.budget_p99_ms THEN b.count
             WHEN (b.histogram->>'minMs')::float8 > ips.budget_p99_ms THEN 0
             ELSE coalesce((b.histogram->>'zero')::bigint, 0)
                + coalesce((SELECT sum(v::bigint) FROM jsonb_each_text(b.histogram->'buckets') AS e(k, v) WHERE k::int <= ips.top_index), 0)
        END AS good,
        b.resolution = 'minute' AND b.start >= ${sixHoursAgo} AS fine,
        b.start >= ${dayAgo} AND (((b.resolution = 'hour' AND b.start < ${hourUntil}) OR (b.resolution = 'minute' AND b.start >= ${hourUntil}))
          OR b.resolution = 'five_minute' OR (b.resolution = 'minute' AND b.start < ${dayAgoHour} AND NOT (b.start >= ${fiveFrom} AND b.start < ${fiveTo}))) AS day24,
        -- Hours where rolled up and minutes after: what the 1 d and 3 d windows read.
        (b.resolution = 'hour' AND b.start < ${hourUntil}) OR (b.resolution = 'minute' AND b.start >= ${hourUntil}) AS coarse,
        -- The SLO window: its whole days as day buckets, the ragged first day and what is not rolled into days as the coarse tiles.
        b.start >= ips.window_start AND (b.resolution = 'day' OR (
          ((b.resolution = 'hour' AND b.start < ${hourUntil}) OR (b.resolution = 'minute' AND b.start >= ${hourUntil}))
          AND NOT (b.start >= ips.days_from AND b.start < ${dayUntil}))) AS in_window
      FROM ips CROSS JOIN LATERAL (
        -- Index ranges a series: the last 6 h of minutes (and all not rolled into hours), the hours of
        -- the 3 d window and of the SLO window outside its whole rolled days, and those days.
        SELECT * FROM latency_buckets m WHERE m.series_key = ips.series_key AND m.resolution = 'minute' AND m.start >= ${minutesFrom} AND m.start < ${now}
        UNION ALL
        -- The ragged hour at the start of the 24 h (where it is older than the minutes above): its minutes
        -- before the first five-minute bucket and after the last one rolled, and those buckets.
        SELECT * FROM latency_buckets r WHERE r.series_key = ips.series_key AND r.resolution = 'minute' AND r.start >= ${dayAgo} AND r.start < least(${fiveFrom}::timestamptz, ${minutesFrom}::timestamptz)
        UNION ALL
        SELECT * FROM latency_buckets r WHERE r.series_key = ips.series_key AND r.resolution = 'minute' AND r.start >= ${fiveTo} AND r.start < least(${dayAgoHour}::timestamptz, ${minutesFrom}::timestamptz)
        UNION ALL
        SELECT * FROM latency_buckets f WHERE f.series_key = ips.series_key AND f.resolution = 'five_minute' AND f.start >= ${fiveFrom} AND f.start < least(${fiveTo}::timestamptz, ${minutesFrom}::timestamptz)
        UNION ALL
        SELECT * FROM latency_buckets h WHERE h.series_key = ips.series_key AND h.resolution = 'hour'
          AND h.start >= least(ips.window_start, ${threeDaysAgo}::timestamptz) AND h.start < least(${hourUntil}::timestamptz, ${now}::timestamptz)
          AND (h.start >= ${threeDaysAgo} OR h.start < ips.days_from OR h.start >= ${dayUntil})
        UNION ALL
        SELECT * FROM latency_buckets d WHERE d.series_key = ips.series_key AND d.resolution = 'day' AND d.start >= ips.days_from AND d.start < ${dayUntil}
      ) AS b
    ),
    windows AS (
      SELECT series_key,
        sum(count) FILTER (WHERE fine AND start >= ${at(300_000)}) AS "c_5m", sum(errors) FILTER (WHERE fine AND start >= ${at(300_000)}) AS "e_5m", sum(good) FILTER (WHERE fine AND start >= ${at(300_000)}) AS "g_5m",
        sum(count) FILTER (WHERE fine AND start >= ${at(1_800_000)}) AS "c_30m", sum(errors) FILTER (WHERE fine AND start >= ${at(1_800_000)}) AS "e_30m", sum(good) FILTER (WHERE fine AND start >= ${at(1_800_000)}) AS "g_30m",
        sum(count) FILTER (WHERE fine AND start >= ${at(3_600_000)}) AS "c_1h", sum(errors) FILTER (WHERE fine AND start >= ${at(3_600_000)}) AS "e_1h", sum(good) FILTER (WHERE fine AND start >= ${at(3_600_000)}) AS "g_1h",
        sum(count) FILTER (WHERE fine AND start >= ${at(7_200_000)}) AS "c_2h", sum(errors) FILTER (WHERE fine AND start >= ${at(7_200_000)}) AS "e_2h", sum(good) FILTER (WHERE fine AND start >= ${at(7_200_000)}) AS "g_2h",
        sum(count) FILTER (WHERE fine) AS "c_6h", sum(errors) FILTER (WHERE fine) AS "e_6h", sum(good) FILTER (WHERE fine) AS "g_6h",
        sum(count) FILTER (WHERE coarse AND start >= ${at(86_400_000)}) AS "c_1d", sum(errors) FILTER (WHERE coarse AND start >= ${at(86_400_000)}) AS "e_1d", sum(good) FILTER (WHERE coarse AND start >= ${at(86_400_000)}) AS "g_1d",
        sum(count) FILTER (WHERE coarse AND start >= ${at(259_200_000)}) AS "c_3d", sum(errors) FILTER (WHERE coarse AND start >= ${at(259_200_000)}) AS "e_3d", sum(good) FILTER (WHERE coarse AND start >= ${at(259_200_000)}) AS "g_3d",
        sum(count) FILTER (WHERE in_window) AS window_calls, sum(errors) FILTER (WHERE in_window) AS window_errors, sum(good) FILTER (WHERE in_window) AS window_good
      FROM tiles GROUP BY series_key
    ),
    day_buckets AS (
      SELECT series_key, k::int AS idx, sum(v::bigint) AS n
      FROM tiles, jsonb_each_text(histogram->'buckets') AS e(k, v)
      WHERE day24 GROUP BY 1, 2
    ),
    day_summary AS (
      SELECT series_key, sum(count) AS calls, sum(errors) AS errors, sum((histogram->>'zero')::bigint) AS zero, sum((histogram->>'sumMs')::float8) AS sum_ms,
             min((histogram->>'minMs')::float8) AS min_ms, max((histogram->>'maxMs')::float8) AS max_ms
      FROM tiles WHERE day24 GROUP BY 1
    ),
    -- A join, not a subquery per integration point: that would re-run day_buckets for each.
    day_histograms AS (
      SELECT d.series_key, d.calls, d.errors,
             jsonb_build_object('zero', d.zero, 'count', d.calls, 'sumMs', d.sum_ms, 'minMs', d.min_ms, 'maxMs', d.max_ms,
                                'buckets', coalesce(jsonb_object_agg(x.idx, x.n) FILTER (WHERE x.idx IS NOT NULL), '{}'::jsonb)) AS histogram
      FROM day_summary d LEFT JOIN day_buckets x ON x.series_key = d.series_key
      GROUP BY d.series_key, d.calls, d.errors, d.zero, d.sum_ms, d.min_ms, d.max_ms
    )
    SELECT ips.id, ips.key, ips.budget_p99_ms, ips.success_target, ips.latency_target, ips.window_days, w.*,
           dh.histogram AS h24, dh.calls AS calls24h, dh.errors AS errors24h,
           -- As silentIntegrations reads it; one index probe per resolution instead of a walk over every bucket.
           greatest((SELECT max(start) FROM latency_buckets lb WHERE lb.series_key = ips.series_key AND lb.resolution = 'minute'),
                    (SELECT max(start) FROM latency_buckets lb WHERE lb.series_key = ips.series_key AND lb.resolution = 'hour'),
                    (SELECT max(start) FROM latency_buckets lb WHERE lb.series_key = ips.series_key AND lb.resolution = 'day')) + interval '1 minute' AS last_seen
    FROM ips LEFT JOIN windows w ON w.series_key = ips.series_key LEFT JOIN day_histograms dh ON dh.series_key = ips.series_key`;
}

let driftCache: { at: number; rows: Promise<DriftRow[]> } | null = null;

/**
 * The estate's drift rows, recomputed at most every quarter of an hour: the health refresh (every
 * minute) and the overview read them, and the trend only moves by the day.
 */
export function recentDrift(now = new Date()): Promise<DriftRow[]> {
  const age = now.getTime() - (driftCache?.at ?? -Infinity);
  if (!driftCache || age >= DRIFT_MAX_AGE_MS || age < 0) {
    const rows = estateDrift(now);
    driftCache = { at: now.getTime(), rows };
    rows.catch(() => (driftCache = null));
  }
  return driftCache.rows;
}

/** Each integration point's drift figures (change point, projected breach), by key. */
async function driftByKey(now: Date): Promise<Map<string, DriftRow>> {
  return new Map((await recentDrift(now)).map((r) => [r.key, r]));
}

const breachMs = (r: DriftRow | undefined) => (r?.projectedBreachAt ? Date.parse(`${r.projectedBreachAt}T00:00:00Z`) : null);

const n = (v: bigint | null | undefined) => Number(v ?? 0);

function sloHealth(targetPercent: number, whole: Counts, windows: Record<BurnWindow, Counts>, windowDays: number): SloHealth {
  const burnRates = Object.fromEntries(BURN_WINDOWS.map((w) => [w, burnRate(windows[w], targetPercent)])) as Record<BurnWindow, number>;
  return { targetPercent, burnRates, alert: alertState(burnRates, windowDays).state, remainingPercent: budget(whole, targetPercent).remainingPercent };
}

export interface HealthRefresh {
  ran: boolean;
  integrations: number;
  byStatus: Partial<Record<HealthStatus, number>>;
}

/** Recomputes every live integration point's health and replaces the table's rows in one transaction. */
export async function refreshHealth(now = new Date()): Promise<HealthRefresh> {
  const result: HealthRefresh = { ran: false, integrations: 0, byStatus: {} };
  const silentAfterMs = env().EDGEWISE_SILENT_AFTER_HOURS * 3_600_000;
  const drift = await driftByKey(now);
  await db().$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${HEALTH_LOCK}) AS locked`;
      if (!lock?.locked) return; // another instance is refreshing right now
      result.ran = true;
      const rows = await estateRows(tx, now);
      // What the last refresh saw, to turn changes of state into notification events (same transaction).
      const previous = await tx.$queryRaw<{ integration_id: string; status: HealthStatus; slo: HealthSlo; team: string | null }[]>`
        SELECT ip.id AS integration_id, h.status, h.slo, t.slug AS team
        FROM integration_points ip JOIN services s ON s.id = ip.source_service_id JOIN teams t ON t.id = s.team_id
        LEFT JOIN integration_health h ON h.integration_id = ip.id WHERE ip.lifecycle <> 'retired'`;
      const before = new Map(previous.map((p) => [p.integration_id, p]));
      const events: NotificationEvent[] = [];
      const base = appUrl();
      const records = rows.map((r) => {
        const windows = (prefix: "availability" | "latency") =>
          Object.fromEntries(
            BURN_WINDOWS.map((w) => {
              const total = n(r[col("c", w)]);
              return [w, { total, good: prefix === "availability" ? total - n(r[col("e", w)]) : n(r[col("g", w)]) }];
            }),
          ) as Record<BurnWindow, Counts>;
        const windowCalls = n(r.window_calls);
        const windowErrors = n(r.window_errors);
        const slo: HealthSlo = {
          availability: sloHealth(r.success_target, { good: windowCalls - windowErrors, total: windowCalls }, windows("availability"), r.window_days),
          latency: sloHealth(r.latency_target, { good: n(r.window_good), total: windowCalls }, windows("latency"), r.window_days),
          windowCalls,
          windowErrors,
        };
        const p99Ms24h = r.h24 ? quantile(r.h24, 0.99) : null;
        const calls24h = n(r.calls24h);
        const health = classifyHealth({
          nowMs: now.getTime(),
          lastSeenMs: r.last_seen?.getTime() ?? null,
          silentAfterMs,
          budgetP99Ms: r.budget_p99_ms,
          successTargetPercent: r.success_target,
          calls24h,
          p99Ms24h,
          windowCalls,
          windowErrors,
          alerts: [slo.availability.alert, slo.latency.alert],
          projectedBreachMs: breachMs(drift.get(r.key)),
        });
        result.byStatus[health.status] = (result.byStatus[health.status] ?? 0) + 1;
        const old = before.get(r.id);
        const was: HealthSnapshot | null = old?.status ? { status: old.status, slo: old.slo } : null;
        const transitions = healthEvents({
          key: r.key,
          team: old?.team ?? null,
          before: was,
          after: { status: health.status, slo },
          reasons: health.reasons,
          p99Ms24h,
          budgetP99Ms: r.budget_p99_ms,
          drift: drift.get(r.key) ?? null,
          now,
          appUrl: base,
        });
        events.push(...transitions.events);
        return {
          integration_id: r.id,
          status: health.status,
          reasons: health.reasons,
          p99_ms_24h: p99Ms24h,
          calls_24h: calls24h,
          errors_24h: n(r.errors24h),
          last_seen_at: r.last_seen?.toISOString() ?? null,
          burn_rate_1h: Math.max(slo.availability.burnRates["1h"], slo.latency.burnRates["1h"]),
          slo: transitions.slo,
        };
      });
      result.integrations = records.length;
      await tx.$executeRaw`DELETE FROM integration_health h WHERE NOT EXISTS (SELECT 1 FROM integration_points ip WHERE ip.id = h.integration_id AND ip.lifecycle <> 'retired')`;
      await tx.$executeRaw`
        INSERT INTO integration_health (integration_id, status, reasons, p99_ms_24h, calls_24h, errors_24h, last_seen_at, burn_rate_1h, slo, computed_at)
        SELECT integration_id, status, reasons, p99_ms_24h, calls_24h, errors_24h, last_seen_at, burn_rate_1h, slo, ${now}
        FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(integration_id uuid, status text, reasons text[], p99_ms_24h float8,
             calls_24h bigint, errors_24h bigint, last_seen_at timestamptz, burn_rate_1h float8, slo jsonb)
        ON CONFLICT (integration_id) DO UPDATE SET status = EXCLUDED.status, reasons = EXCLUDED.reasons, p99_ms_24h = EXCLUDED.p99_ms_24h,
          calls_24h = EXCLUDED.calls_24h, errors_24h = EXCLUDED.errors_24h, last_seen_at = EXCLUDED.last_seen_at,
          burn_rate_1h = EXCLUDED.burn_rate_1h, slo = EXCLUDED.slo, computed_at = EXCLUDED.computed_at`;
      await recordEvents(tx, events);
    },
    // The schedule and a reader may both ask at once on a busy server: wait for a connection, not fail.
    { timeout: 120_000, maxWait: 30_000 },
  );
  return result;
}


let pending: Promise<unknown> | null = null;

/** Refreshes when a live integration point has no health row yet or the oldest is stale. */
export async function ensureFreshHealth(now = new Date(), maxAgeMs = HEALTH_MAX_AGE_MS): Promise<void> {
  const [row] = await db().$queryRaw<{ missing: bigint; oldest: Date | null }[]>`
    SELECT count(*) FILTER (WHERE h.integration_id IS NULL) AS missing, min(h.computed_at) AS oldest
    FROM integration_points ip LEFT JOIN integration_health h ON h.integration_id = ip.id
    WHERE ip.lifecycle <> 'retired'`;
  const stale = n(row?.missing) > 0 || (row?.oldest != null && row.oldest.getTime() < now.getTime() - maxAgeMs);
  if (!stale) return;
  // Concurrent readers share one refresh.
  pending ??= refreshHealth(now).finally(() => (pending = null));
  await pending;
}
