// An integration point's two SLOs from its declaration — availability (non-error calls) and latency
// (calls within the p99 budget) — over its rolling window, with burn rates and the alert state.
import "server-only";
import { Prisma } from "@prisma/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import { getIntegrationTargets } from "@/lib/catalog/integrations";
import { addTally, countAtOrBelow, emptyTally, type Histogram, type Tally } from "@/lib/telemetry/histogram";
import { readSettledLines, type Settled } from "@/lib/telemetry/rollup";
import { burnDown, DAY_MS, utcDayIndex, utcDaysIn, type BurnDownPoint } from "./burn-down";
import { alertState, budget, BURN_WINDOWS, burnRate, type AlertState, type Budget, type BurnWindow, type Counts } from "./burn-rate";
import { burnWindowRanges, WINDOW_MS, type Range } from "./burn-windows";
import { readDb, withReader } from "@/lib/db/replicas";

export interface SloObjective extends Budget {
  targetPercent: number;
  good: number;
  total: number;
  burnRates: Record<BurnWindow, number>;
  alert: AlertState;
  /** Budget left at the window's start and at the end of each UTC day since (at each midnight; the last point is now). */
  burnDown: BurnDownPoint[];
}

export interface SloStatus {
  windowDays: number;
  availability: SloObjective;
  latency: SloObjective & { thresholdMs: number };
  /** True when latency goodness comes only from span histograms (within 1 %); kept for metrics later. */
  exact: boolean;
}

type Day = Tally;

/**
 * The window by UTC day: the ragged first day from the window's start, the whole days, and today up
 * to now. Whole days settled in the day roll-up (older than its margin, so exact merges of their hours)
 * read as their one day bucket: a 28-day window reads some 25 day buckets and 70–100 hours, not 672
 * hours scattered over the table. Every other hour is read once: from its hour bucket, or from its
 * minutes when they hold more calls — an hour not rolled up yet, or spans that arrived after its
 * roll-up — so data just ingested counts at once and nothing counts twice. Minutes are compared only
 * where the roll-up still revisits hours (its 2-hour margin before where it has rolled to, and after):
 * older hours are settled, as the latency reads take them.
 */
async function days(seriesKey: string, fromMs: number, toMs: number, settled: Settled): Promise<Day[]> {
  const [from, to] = [new Date(fromMs), new Date(toMs)];
  // Whole settled days [daysFrom, daysUntil); hours before and after them (an empty range reads hours throughout).
  const daysFromMs = Math.min(Math.ceil(fromMs / DAY_MS) * DAY_MS, toMs);
  const daysUntilMs = Math.max(daysFromMs, Math.floor(Math.min(settled.day.getTime(), toMs) / DAY_MS) * DAY_MS);
  const [daysFrom, daysUntil] = [new Date(daysFromMs), new Date(daysUntilMs)];
  const rows = await readDb().$queryRaw<{ start: Date; count: bigint; errors: bigint; histogram: Histogram }[]>`
    WITH settled AS (SELECT ${settled.hour}::timestamptz AS until), minute_hours AS (
      SELECT date_trunc('hour', start, 'UTC') AS hour, sum(count) AS count FROM latency_buckets
      WHERE series_key = ${seriesKey} AND resolution = 'minute' AND start >= greatest(${from}::timestamptz, (SELECT until FROM settled)) AND start < ${to}
      GROUP BY 1
    ), from_minutes AS (
      SELECT m.hour FROM minute_hours m
      LEFT JOIN latency_buckets h ON h.series_key = ${seriesKey} AND h.resolution = 'hour' AND h.start = m.hour
      WHERE h.count IS NULL OR m.count > h.count
    )
    -- Separate index ranges, not one range and a filter: a filter would still fetch every hour's row.
    SELECT start, count, errors, histogram FROM latency_buckets
    WHERE series_key = ${seriesKey} AND resolution = 'day' AND start >= ${daysFrom} AND start < ${daysUntil}
    UNION ALL
    SELECT start, count, errors, histogram FROM latency_buckets
    WHERE series_key = ${seriesKey} AND resolution = 'hour' AND start >= ${from} AND start < ${daysFrom} AND start NOT IN (SELECT hour FROM from_minutes)
    UNION ALL
    SELECT start, count, errors, histogram FROM latency_buckets
    WHERE series_key = ${seriesKey} AND resolution = 'hour' AND start >= ${daysUntil} AND start < ${to} AND start NOT IN (SELECT hour FROM from_minutes)
    UNION ALL
    -- Usually only the newest hours read minutes: bound the range so the index skips the rest.
    SELECT start, count, errors, histogram FROM latency_buckets
    WHERE series_key = ${seriesKey} AND resolution = 'minute' AND start >= ${from} AND start < ${to}
      AND start >= (SELECT coalesce(min(hour), 'infinity') FROM from_minutes)
      AND date_trunc('hour', start, 'UTC') IN (SELECT hour FROM from_minutes)`;
  // Merged here, not by edgewise_histogram_agg: its cost per group outweighs moving the rows.
  const out = Array.from({ length: utcDaysIn(fromMs, toMs) }, emptyTally);
  for (const r of rows) addTally(out[Math.min(Math.max(utcDayIndex(fromMs, r.start.getTime()), 0), out.length - 1)]!, r);
  return out;
}

const sum = (counts: Counts[]): Counts => counts.reduce((a, c) => ({ good: a.good + c.good, total: a.total + c.total }), { good: 0, total: 0 });

function objective(targetPercent: number, daily: Counts[], windows: Record<BurnWindow, Counts>, window: { startMs: number; endMs: number; days: number }): SloObjective {
  const whole = sum(daily);
  const burnRates = Object.fromEntries(BURN_WINDOWS.map((w) => [w, burnRate(windows[w], targetPercent)])) as Record<BurnWindow, number>;
  return {
    targetPercent,
    good: whole.good,
    total: whole.total,
    ...budget(whole, targetPercent),
    burnRates,
    alert: alertState(burnRates, window.days),
    burnDown: burnDown(window.startMs, window.endMs, daily, targetPercent),
  };
}

function burnWindowFilter(nowMs: number, settled: Settled) {
  const { hours, fives, minutes } = burnWindowRanges(nowMs, settled.hour.getTime(), settled.five_minute.getTime());
  const within = (ranges: Range[]) => Prisma.join(ranges.map(([from, to]) => Prisma.sql`(start >= ${new Date(from)} AND start < ${new Date(to)})`), " OR ");
  const tiers = ([["minute", minutes], ["five_minute", fives], ["hour", hours]] as const).filter(([, ranges]) => ranges.length);
  return Prisma.sql`(${Prisma.join(tiers.map(([resolution, ranges]) => Prisma.sql`(resolution = ${Prisma.raw(`'${resolution}'`)} AND (${within(ranges)}))`), " OR ")})`;
}

export async function sloStatus(actor: Actor, key: string, now = new Date()): Promise<SloStatus> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    // Two round trips, not four: the declaration with the roll-up's lines, then the window with the burn windows.
    const [view, settled] = await Promise.all([getIntegrationTargets(actor, key), readSettledLines()]);
    const nowMs = now.getTime();
    const windowDays = view.slo.windowDays;
    const threshold = view.budget.p99Ms;
    const window = { startMs: nowMs - windowDays * DAY_MS, endMs: nowMs, days: windowDays };
    // Latency goodness is counted per day and summed, so the burn-down's last point is the headline.
    // The burn windows are nested: read the longest once and sum backwards — minutes at the windows'
    // edges and in the last 6 h, settled hours between (burn-windows.ts).
    const [daily, recent] = await Promise.all([
      days(view.id, window.startMs, nowMs, settled),
      readDb().$queryRaw<{ start: Date; count: bigint; errors: bigint; histogram: Histogram }[]>`
        SELECT start, count, errors, histogram FROM latency_buckets
        WHERE series_key = ${view.id} AND start >= ${new Date(nowMs - WINDOW_MS["3d"])} AND start < ${now}
          AND ${burnWindowFilter(nowMs, settled)}`,
    ]);
    // Each minute goes into the shortest window holding it; each window is then the rings up to it.
    const rings = BURN_WINDOWS.map(emptyTally);
    for (const r of recent) {
      const ring = rings[BURN_WINDOWS.findIndex((w) => r.start.getTime() >= nowMs - WINDOW_MS[w])];
      if (ring) addTally(ring, r);
    }
    const availability = {} as Record<BurnWindow, Counts>;
    const latency = {} as Record<BurnWindow, Counts>;
    const upTo = emptyTally();
    BURN_WINDOWS.forEach((w, i) => {
      addTally(upTo, rings[i]!);
      availability[w] = { good: upTo.count - upTo.errors, total: upTo.count };
      latency[w] = { good: countAtOrBelow(upTo.histogram, threshold), total: upTo.count };
    });
    return {
      windowDays,
      availability: objective(view.slo.successTargetPercent, daily.map((d) => ({ good: d.count - d.errors, total: d.count })), availability, window),
      latency: { thresholdMs: threshold, ...objective(view.slo.latencyTargetPercent, daily.map((d) => ({ good: countAtOrBelow(d.histogram, threshold), total: d.count })), latency, window) },
      exact: true,
    };
  });
}
