// Mergeable latency histograms with bounded relative error (pure). Buckets grow geometrically by
// γ = (1 + α) / (1 − α), so any value is represented within α of itself; counts are exact, and two
// histograms merge by adding bucket counts — which is what lets minutes roll up into hours and days.

/** Relative accuracy of every represented value: 0.5 %, comfortably inside the 1 % promised for percentiles. */
export const RELATIVE_ACCURACY = 0.005;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** Values at or below this (ms) count as zero: below a microsecond nothing is measured meaningfully. */
export const MIN_VALUE_MS = 0.001;

/** Sparse: bucket index → count; `zero` counts values ≤ MIN_VALUE_MS. */
export interface Histogram {
  zero: number;
  buckets: Record<string, number>;
  count: number;
  sumMs: number;
  minMs: number | null;
  maxMs: number | null;
}

export function emptyHistogram(): Histogram {
  return { zero: 0, buckets: {}, count: 0, sumMs: 0, minMs: null, maxMs: null };
}

export function bucketIndex(valueMs: number): number {
  return Math.ceil(Math.log(valueMs) / LOG_GAMMA);
}

/** The value a bucket stands for: within α of every value that falls into it. */
export function bucketValue(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1);
}

/** Adds `n` observations of `valueMs` (n > 1 when a source already aggregated them). */
export function record(h: Histogram, valueMs: number, n = 1): void {
  if (!Number.isFinite(valueMs) || n <= 0) return;
  const v = Math.max(0, valueMs);
  if (v <= MIN_VALUE_MS) h.zero += n;
  else {
    const key = String(bucketIndex(v));
    h.buckets[key] = (h.buckets[key] ?? 0) + n;
  }
  h.count += n;
  h.sumMs += v * n;
  h.minMs = h.minMs === null ? v : Math.min(h.minMs, v);
  h.maxMs = h.maxMs === null ? v : Math.max(h.maxMs, v);
}

/** Adds `other` into `into` (associative and commutative: the order of merging never matters). */
export function merge(into: Histogram, other: Histogram): Histogram {
  into.zero += other.zero;
  for (const [k, c] of Object.entries(other.buckets)) into.buckets[k] = (into.buckets[k] ?? 0) + c;
  into.count += other.count;
  into.sumMs += other.sumMs;
  if (other.minMs !== null) into.minMs = into.minMs === null ? other.minMs : Math.min(into.minMs, other.minMs);
  if (other.maxMs !== null) into.maxMs = into.maxMs === null ? other.maxMs : Math.max(into.maxMs, other.maxMs);
  return into;
}

/** Calls, errors and their latency histogram: what a stored bucket holds, and what merging buckets gives. */
/** Whether two histograms hold the same observations (bucket by bucket; a sum merged in another order may differ and says no). */
export function sameHistogram(a: Histogram, b: Histogram): boolean {
  if (a === b) return true;
  if (a.count !== b.count || a.zero !== b.zero || a.sumMs !== b.sumMs || a.minMs !== b.minMs || a.maxMs !== b.maxMs) return false;
  const keys = Object.keys(a.buckets);
  if (keys.length !== Object.keys(b.buckets).length) return false;
  return keys.every((k) => a.buckets[k] === b.buckets[k]);
}

export interface Tally {
  count: number;
  errors: number;
  histogram: Histogram;
}

export const emptyTally = (): Tally => ({ count: 0, errors: 0, histogram: emptyHistogram() });

/** Adds a bucket (counts as the database returns them, or another tally) into `into`. */
export function addTally(into: Tally, other: { count: bigint | number; errors: bigint | number; histogram: Histogram }): Tally {
  into.count += Number(other.count);
  into.errors += Number(other.errors);
  merge(into.histogram, other.histogram);
  return into;
}

/**
 * The nearest-rank q-quantile (the value at rank ⌈q·n⌉ of the sorted observations), within α relative
 * error; null for an empty histogram. The extremes are exact: rank 1 is the minimum, rank n the maximum.
 */
export function quantile(h: Histogram, q: number): number | null {
  if (h.count === 0) return null;
  const rank = Math.max(1, Math.ceil(q * h.count));
  if (rank >= h.count) return h.maxMs;
  if (rank <= h.zero) return 0;
  let seen = h.zero;
  const indexes = Object.keys(h.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  for (const i of indexes) {
    seen += h.buckets[String(i)]!;
    if (seen >= rank) {
      // Clamp to the observed range: an estimate outside [min, max] can only be further off.
      return Math.min(Math.max(bucketValue(i), h.minMs ?? 0), h.maxMs ?? Infinity);
    }
  }
  return h.maxMs;
}

/** Observations at or below `thresholdMs` (exact up to the one bucket that straddles it, ±α). */
export function countAtOrBelow(h: Histogram, thresholdMs: number): number {
  if (h.maxMs !== null && h.maxMs <= thresholdMs) return h.count;
  if (h.minMs !== null && h.minMs > thresholdMs) return 0;
  let n = thresholdMs >= 0 ? h.zero : 0;
  for (const [k, c] of Object.entries(h.buckets)) if (bucketValue(Number(k)) <= thresholdMs) n += c;
  return n;
}
