// Cumulative points into deltas (pure): each series remembers its last point; the next one minus it is
// what happened in between. Resets (a new start time, or any count going down) start over: the new
// point counts whole, since everything in it accumulated after the reset.
import type { ExponentialBuckets, MetricPoint } from "./otlp-metrics";

/**
 * A series' first point counts whole only when the series began within this long before it: then
 * nothing from before Edgewise saw it is lumped in. An older series' first point only sets the state,
 * so connecting Edgewise to a Collector that has run for days adds no days-old burst to one minute.
 */
export const FIRST_POINT_WINDOW_NS = 60_000_000_000n;

/** The last cumulative point of a series, as stored (JSON: bigints as strings). */
export type SeriesState =
  | { type: "histogram"; start: string; time: string; count: number; sum: number | null; bounds: number[]; bucketCounts: number[] }
  | { type: "exponential"; start: string; time: string; count: number; sum: number | null; scale: number; zeroCount: number; positive: ExponentialBuckets; negative: ExponentialBuckets }
  | { type: "sum"; start: string; time: string; value: number };

export type DeltaOutcome =
  /** `exactStats`: the point's min/max/sum describe the delta itself (only when the point counts whole). */
  | { kind: "delta"; point: MetricPoint; exactStats: boolean; reset: boolean }
  | { kind: "skip"; why: "first" | "stale" | "reshaped" };

export function stateOf(p: MetricPoint): SeriesState {
  const [start, time] = [String(p.startUnixNano), String(p.timeUnixNano)];
  if (p.type === "sum") return { type: "sum", start, time, value: p.value };
  if (p.type === "histogram") return { type: "histogram", start, time, count: p.count, sum: p.sum, bounds: p.bounds, bucketCounts: p.bucketCounts };
  return { type: "exponential", start, time, count: p.count, sum: p.sum, scale: p.scale, zeroCount: p.zeroCount, positive: p.positive, negative: p.negative };
}

const whole = (point: MetricPoint, reset: boolean): DeltaOutcome => ({ kind: "delta", point, exactStats: true, reset });
const minus = (a: number | null, b: number | null) => (a !== null && b !== null ? a - b : null);

/** Exponential buckets as index → count at a coarser (or equal) scale: index k at scale s is k >> (s − to). */
function rescale(b: ExponentialBuckets, from: number, to: number): Map<number, number> {
  const out = new Map<number, number>();
  b.counts.forEach((c, j) => {
    if (c === 0) return;
    const k = Math.floor((b.offset + j) / 2 ** (from - to));
    out.set(k, (out.get(k) ?? 0) + c);
  });
  return out;
}

/** current − previous buckets at the coarser scale, or null when any bucket went down (a reset). */
function subtractBuckets(cur: ExponentialBuckets, prev: ExponentialBuckets, curScale: number, prevScale: number, scale: number): ExponentialBuckets | null {
  const a = rescale(cur, curScale, scale);
  const b = rescale(prev, prevScale, scale);
  for (const [k, c] of b) if ((a.get(k) ?? 0) < c) return null;
  const keys = [...a.keys()];
  if (keys.length === 0) return { offset: 0, counts: [] };
  const lo = Math.min(...keys);
  const counts = Array.from({ length: Math.max(...keys) - lo + 1 }, (_, i) => (a.get(lo + i) ?? 0) - (b.get(lo + i) ?? 0));
  return { offset: lo, counts };
}

/**
 * What a cumulative point adds, given the series' previous state (null: never seen). A point not newer
 * than the state is ignored — a late or repeated export, or another server that already moved the
 * series on — which is what keeps two servers from counting the same interval twice.
 */
export function cumulativeDelta(prev: SeriesState | null, point: MetricPoint): DeltaOutcome {
  if (!prev) return point.timeUnixNano - point.startUnixNano <= FIRST_POINT_WINDOW_NS && point.startUnixNano > 0n ? whole(point, false) : { kind: "skip", why: "first" };
  if (point.timeUnixNano <= BigInt(prev.time)) return { kind: "skip", why: "stale" };
  if (prev.type !== point.type) return { kind: "skip", why: "reshaped" };
  // A new start time means the producer restarted: everything in the point is new.
  if (point.startUnixNano !== BigInt(prev.start) && point.startUnixNano > 0n) return whole(point, true);
  if (point.type === "sum" && prev.type === "sum") {
    return point.value < prev.value ? whole(point, true) : { kind: "delta", point: { ...point, value: point.value - prev.value }, exactStats: false, reset: false };
  }
  if (point.type === "histogram" && prev.type === "histogram") {
    if (point.bounds.length !== prev.bounds.length || point.bounds.some((b, i) => b !== prev.bounds[i])) return { kind: "skip", why: "reshaped" };
    const counts = point.bucketCounts.map((c, i) => c - (prev.bucketCounts[i] ?? 0));
    if (point.count < prev.count || counts.some((c) => c < 0)) return whole(point, true);
    return { kind: "delta", point: { ...point, count: point.count - prev.count, sum: minus(point.sum, prev.sum), bucketCounts: counts }, exactStats: false, reset: false };
  }
  if (point.type === "exponential" && prev.type === "exponential") {
    // SDKs may lower a cumulative histogram's scale as its range grows; compare at the coarser one.
    const scale = Math.min(point.scale, prev.scale);
    const positive = subtractBuckets(point.positive, prev.positive, point.scale, prev.scale, scale);
    const negative = subtractBuckets(point.negative, prev.negative, point.scale, prev.scale, scale);
    const zeroCount = point.zeroCount - prev.zeroCount;
    if (point.count < prev.count || !positive || !negative || zeroCount < 0) return whole(point, true);
    return { kind: "delta", point: { ...point, scale, count: point.count - prev.count, sum: minus(point.sum, prev.sum), zeroCount, positive, negative }, exactStats: false, reset: false };
  }
  return { kind: "skip", why: "reshaped" };
}
