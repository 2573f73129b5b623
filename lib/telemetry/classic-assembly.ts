// Classic histograms assembled across remote-write requests (pure). Prometheus shards series by their
// labels, so the `_bucket{le}`, `_sum` and `_count` samples of one histogram at one timestamp may come
// in different requests. The store stages what arrives per (series, timestamp) and, under the series'
// lock, asks this module which timestamps are complete (fold), waited long enough (fold what is there
// or drop), are older than what was folded (drop), or are still to wait (stage).
import type { ExplicitPoint, MetricPoint } from "./otlp-metrics";

/** The intake outcome counted for a classic histogram dropped before it was complete (its calls come with the series' next point). */
export const INCOMPLETE_HISTOGRAM = "incomplete_histogram";

/** A classic histogram's samples at one timestamp by part: "sum", "count", or the `le` bound ("+Inf", "0.005"). */
export type ClassicParts = Record<string, number>;

/** What a staged row carries besides its part: the series' point without buckets (no bigints: JSON). */
export interface ClassicShape {
  seriesId: string;
  metric: string;
  unit: string;
  resource: ExplicitPoint["resource"];
  attributes: ExplicitPoint["attributes"];
}

export const shapeOf = (p: ExplicitPoint): ClassicShape => ({ seriesId: p.seriesId, metric: p.metric, unit: p.unit, resource: p.resource, attributes: p.attributes });

/** A remote-write point as it would fold if its request held all of its histogram (tests, the bench's check). */
export const alone = <P extends MetricPoint>(p: P): P | ExplicitPoint | string => (p.type === "histogram" && p.classic ? classicPoint(shapeOf(p), Number(p.timeUnixNano / 1_000_000n), p.classic) : p);

export interface ClassicGroup {
  seriesHash: string;
  timestampMs: number;
  shape: ClassicShape;
  /** Parts already staged by earlier requests, and when the first of them arrived. */
  staged: ClassicParts;
  stagedSinceMs: number | null;
  /** Parts in this request. */
  fresh: ClassicParts;
}

/** A series' last folded point, as the delta engine stored it (null: none yet). */
export interface SeriesLayout {
  timeMs: number;
  bounds: number[];
}

export interface Assembly {
  /** Complete (or waited-out) histograms, as cumulative points for the delta engine. */
  points: ExplicitPoint[];
  /** Parts to stage: this request's parts of histograms still waiting. */
  stage: { seriesHash: string; timestampMs: number; shape: ClassicShape; part: string; value: number }[];
  /** (series, timestamp) whose staged parts are done with: folded or dropped. */
  resolved: { seriesHash: string; timestampMs: number }[];
  /** Histograms dropped: waited out without a +Inf bucket, or overtaken by a later one folded first. */
  incomplete: number;
  /** Histograms whose bucket counts are not whole or go down as le grows. */
  invalid: string[];
}

const INF = "+Inf";
const boundsOf = (parts: ClassicParts) =>
  Object.keys(parts)
    .filter((k) => k !== "sum" && k !== "count" && k !== INF)
    .map(Number)
    .sort((a, b) => a - b);

/** The cumulative `le` counts as an explicit point, or why they cannot be one. */
export function classicPoint(shape: ClassicShape, timestampMs: number, parts: ClassicParts): ExplicitPoint | string {
  const inf = parts[INF];
  if (inf === undefined) return 'no le="+Inf" bucket';
  const bounds = boundsOf(parts);
  const bucketCounts: number[] = [];
  let previous = 0;
  for (const cumulative of [...bounds.map((b) => parts[String(b)]!), inf]) {
    if (!Number.isSafeInteger(cumulative) || cumulative < previous) return "le bucket counts must be whole numbers that do not decrease with le";
    bucketCounts.push(cumulative - previous);
    previous = cumulative;
  }
  return {
    ...shape,
    temporality: "cumulative",
    startUnixNano: 0n,
    timeUnixNano: BigInt(timestampMs) * 1_000_000n,
    type: "histogram",
    count: previous,
    sum: parts.sum ?? null,
    min: null,
    max: null,
    bounds,
    bucketCounts,
  };
}

/**
 * Decides each group of one request's series. Per series, in time order: a group older than the
 * series' last folded point, or than one folded now, can never count (the delta engine would skip it)
 * and is dropped — a resent sample lands here, so it counts nothing twice. A group is complete with
 * its +Inf bucket, `_count`, `_sum` and every bound the series has shown (in its last point or in any
 * group now). After `waitMs` it is folded as it is if it has its +Inf bucket (a missing bound makes it
 * a new layout, which the delta engine takes as a fresh start, not as counts), else dropped as
 * incomplete. Dropping loses no calls: the series is cumulative, so the next point folded carries
 * them (only their minute moves).
 */
export function assembleClassic(groups: ClassicGroup[], layouts: Map<string, SeriesLayout | null>, nowMs: number, waitMs: number): Assembly {
  const out: Assembly = { points: [], stage: [], resolved: [], incomplete: 0, invalid: [] };
  const bySeries = new Map<string, ClassicGroup[]>();
  for (const g of groups) bySeries.set(g.seriesHash, [...(bySeries.get(g.seriesHash) ?? []), g]);
  for (const [hash, series] of bySeries) {
    series.sort((a, b) => a.timestampMs - b.timestampMs);
    const last = layouts.get(hash) ?? null;
    const layout = new Set([...(last?.bounds ?? []), ...series.flatMap((g) => boundsOf({ ...g.staged, ...g.fresh }))]);
    let foldedMs = last?.timeMs ?? -Infinity;
    const pending: ClassicGroup[] = [];
    for (const g of series) {
      const parts = { ...g.staged, ...g.fresh };
      const done = () => out.resolved.push({ seriesHash: hash, timestampMs: g.timestampMs });
      if (g.timestampMs <= foldedMs) {
        if (g.stagedSinceMs !== null) done();
        continue;
      }
      const bounds = new Set(boundsOf(parts));
      const complete = INF in parts && "count" in parts && "sum" in parts && [...layout].every((b) => bounds.has(b));
      const waited = g.stagedSinceMs !== null && nowMs - g.stagedSinceMs >= waitMs;
      if (!complete && !waited) {
        pending.push(g);
        continue;
      }
      if (g.stagedSinceMs !== null) done();
      const point = INF in parts ? classicPoint(g.shape, g.timestampMs, parts) : null;
      if (point === null) out.incomplete += 1;
      else if (typeof point === "string") out.invalid.push(`${g.shape.metric}_bucket: ${point}`);
      else {
        out.points.push(point);
        foldedMs = g.timestampMs;
      }
    }
    for (const g of pending) {
      if (g.timestampMs <= foldedMs) {
        // Overtaken by a later point folded now: it can never count.
        if (g.stagedSinceMs !== null) out.resolved.push({ seriesHash: hash, timestampMs: g.timestampMs });
        out.incomplete += 1;
        continue;
      }
      for (const [part, value] of Object.entries(g.fresh)) if (!(part in g.staged)) out.stage.push({ seriesHash: hash, timestampMs: g.timestampMs, shape: g.shape, part, value });
    }
  }
  return out;
}
