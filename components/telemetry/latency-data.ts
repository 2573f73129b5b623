// Shapes the latency API's answer for the charts (pure): time as numbers for a shared time axis,
// calls per minute and error rate per step, and the previous period's p99 moved onto this one.

// Types only: the server module's code never reaches the browser.
import type { LatencyPoint, LatencySeries } from "@/lib/telemetry/latency";
import { formatInZone, UTC_ZONE, zoneClock } from "@/lib/format/time";

export type { LatencyPoint };
export type Latency = LatencySeries;

export interface ChartPoint extends LatencyPoint {
  x: number;
  callsPerMinute: number;
  /** Errors as a share of calls (%); null for a step without calls. */
  errorRatePercent: number | null;
  /** Retry amplification, attempts per logical call (1 = no retries); null for a step without logical calls. */
  amplification: number | null;
  /** Throttled calls as a share of calls (%); null for a step without calls. */
  throttledPercent: number | null;
  /** The previous period's p99 at the same offset into its range; undefined when not compared. */
  previousP99?: number | null;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100_000) / 1000 : null);

/**
 * A step still filling is not a dip: its calls per minute are over the time elapsed in it (at least a
 * minute), and its percentiles are left out until it is complete (a few calls' p99 is not the step's).
 */
export function chartPoints(series: LatencyPoint[], stepMs: number, previous?: { series: LatencyPoint[]; shiftMs: number }): ChartPoint[] {
  const before = new Map(previous?.series.map((p) => [Date.parse(p.t) + previous.shiftMs, p.p99]));
  return series.map((p) => {
    const x = Date.parse(p.t);
    const elapsedMs = p.partialMs === undefined ? stepMs : Math.min(stepMs, Math.max(60_000, p.partialMs));
    return {
      ...p,
      ...(p.partialMs === undefined ? {} : { p50: null, p95: null, p99: null }),
      x,
      callsPerMinute: Math.round((p.count / (elapsedMs / 60_000)) * 100) / 100,
      errorRatePercent: percent(p.errors, p.count),
      amplification: p.logicalCalls > 0 ? Math.round((p.attempts / p.logicalCalls) * 1000) / 1000 : null,
      throttledPercent: percent(p.throttled, p.count),
      ...(previous ? { previousP99: before.get(x) ?? null } : {}),
    };
  });
}

/** Axis labels in `zone`: clock time for short ranges, the date for longer ones. */
export function timeLabel(ms: number, spanMs: number, zone: string = UTC_ZONE): string {
  const { wall } = zoneClock(ms, zone);
  if (spanMs <= 86_400_000) return wall.slice(11, 16);
  if (spanMs <= 8 * 86_400_000) return `${wall.slice(5, 10)} ${wall.slice(11, 16)}`;
  return wall.slice(0, 10);
}

/** Tick steps a time axis may use, each a whole number of minutes, hours or days of the zone's clock. */
const TICK_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);

/**
 * Evenly spaced ticks on whole steps of `zone`'s clock over `[from, to]`, at most `maxTicks` of them: a
 * time axis left to Recharts takes its ticks from whatever data is drawn (exemplars land at odd
 * minutes), so the charts that share an axis pass these instead. The zone's offset at `from` is used
 * for the whole range (a change of summer time within it moves later ticks by that hour).
 */
export function timeTicks([from, to]: [number, number], maxTicks = 8, zone: string = UTC_ZONE): number[] {
  const span = to - from;
  if (!(span > 0)) return [];
  const step = TICK_STEPS_MS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / 86_400_000) * 86_400_000;
  const offsetAt = (t: number) => zoneClock(t, zone).offsetMinutes * 60_000;
  const ticks: number[] = [];
  // Whole steps of the zone's wall clock (read as if it were UTC), each turned back into the instant
  // it shows: across a change of offset the ticks stay on the zone's whole hours. A wall time that
  // does not exist (the hour skipped into summer time) has no tick; one that exists twice, one.
  let offset = offsetAt(from);
  for (let wall = Math.ceil((from + offset) / step) * step; ; wall += step) {
    offset = offsetAt(wall - offset);
    const t = wall - offset;
    if (t > to) break;
    if (t < from || t + offsetAt(t) !== wall || t <= (ticks.at(-1) ?? -Infinity)) continue;
    ticks.push(t);
  }
  return ticks;
}

/** An instant in full for tooltips and notes, in `zone` (UTC unless the viewer chose otherwise). */
export const fullTime = (ms: number, zone: string = UTC_ZONE) => formatInZone(ms, zone);

/** A latency in ms, short: 0.42 ms, 12.3 ms, 250 ms, 1.25 s (the one duration formatter). */
export { formatDuration as formatMs } from "@/lib/format/duration";
