// Histogram data points into Edgewise's log histograms (pure). Counts are carried over exactly; each
// source bucket's observations are placed at one representative value inside it, so a percentile is
// off by at most the source bucket's width (explicit bounds) or half its ratio (exponential buckets).
import { emptyHistogram, record, RELATIVE_ACCURACY, type Histogram } from "./histogram";
import type { ExponentialBuckets } from "./otlp-metrics";

const UNITS_MS: Record<string, number> = { s: 1000, ms: 1, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ns: 1e-6 };

/**
 * Milliseconds per unit of a duration metric. The declared unit wins; a missing or dimensionless ("1")
 * unit falls back to the Prometheus naming convention (`_seconds`, `_milliseconds`); anything else is
 * unknown (null) and the points are rejected rather than guessed at.
 */
export function unitToMs(unit: string, metric: string): number | null {
  const declared = unit.trim();
  if (declared && declared !== "1") return UNITS_MS[declared] ?? null;
  if (/(^|[._])seconds$/.test(metric)) return 1000;
  if (/(^|[._])(milliseconds|ms)$/.test(metric)) return 1;
  return null;
}

export interface BucketStats {
  min: number | null;
  max: number | null;
  sum: number | null;
}

/** Where a bucket's observations go: the geometric midpoint of its range, narrowed to [min, max]. */
function representative(lo: number, hi: number): number {
  if (hi <= 0) return 0;
  if (!Number.isFinite(hi)) return Math.max(lo, 0); // an unbounded overflow bucket: its lower edge is all we know
  if (lo <= 0) return hi / 2;
  return Math.sqrt(lo * hi);
}

function narrow(lo: number, hi: number, stats: BucketStats): [number, number] {
  const a = stats.min !== null ? Math.max(lo, stats.min) : lo;
  const b = stats.max !== null ? Math.min(hi, stats.max) : hi;
  return a <= b ? [a, b] : [b, b];
}

/**
 * `exactStats`: min, max and sum describe exactly these observations (a delta point). For a delta
 * computed from cumulative points they describe the whole series' life: still valid bounds for the
 * buckets, but not this interval's extremes.
 */
function finish(h: Histogram, stats: BucketStats, factorMs: number, exactStats: boolean): Histogram {
  if (!exactStats || h.count === 0) return h;
  if (stats.min !== null) h.minMs = Math.max(0, stats.min * factorMs);
  if (stats.max !== null) h.maxMs = Math.max(0, stats.max * factorMs);
  if (stats.sum !== null) h.sumMs = stats.sum * factorMs;
  return h;
}

/** Explicit bounds: bucket i holds values in (bounds[i−1], bounds[i]]; the last one everything above. */
export function explicitToHistogram(bounds: number[], bucketCounts: number[], stats: BucketStats, factorMs: number, exactStats: boolean): Histogram {
  const h = emptyHistogram();
  bucketCounts.forEach((n, i) => {
    if (n <= 0) return;
    const [lo, hi] = narrow(i === 0 ? -Infinity : bounds[i - 1]!, i < bounds.length ? bounds[i]! : Infinity, stats);
    record(h, representative(lo, hi) * factorMs, n);
  });
  return finish(h, stats, factorMs, exactStats);
}

/** The ratio between neighbouring exponential bucket bounds at a scale: 2^(2^−scale). */
export const exponentialBase = (scale: number) => 2 ** (2 ** -scale);

/**
 * Whether percentiles from exponential buckets at this scale can miss by more than the 1 % promised
 * for spans (the bucket's half-ratio on top of our own 0.5 %): true below scale 7.
 */
export const exponentialIsApproximate = (scale: number) => Math.sqrt(exponentialBase(scale)) * (1 + RELATIVE_ACCURACY) - 1 > 0.01;

export interface ExponentialInput {
  scale: number;
  zeroCount: number;
  positive: ExponentialBuckets;
  negative: ExponentialBuckets;
}

/** Exponential buckets: index k holds (base^k, base^(k+1)]; zero and negative values count as zero. */
export function exponentialToHistogram(p: ExponentialInput, stats: BucketStats, factorMs: number, exactStats: boolean): Histogram {
  const h = emptyHistogram();
  const negatives = p.negative.counts.reduce((a, b) => a + b, 0);
  if (p.zeroCount + negatives > 0) record(h, 0, p.zeroCount + negatives); // durations are never negative
  const base = exponentialBase(p.scale);
  p.positive.counts.forEach((n, j) => {
    if (n <= 0) return;
    const k = p.positive.offset + j;
    const [lo, hi] = narrow(base ** k, base ** (k + 1), stats);
    record(h, representative(lo, hi) * factorMs, n);
  });
  return finish(h, stats, factorMs, exactStats);
}
