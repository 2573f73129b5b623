// Synthetic latency histograms (pure): what a lognormal service time with a slow tail folds into, built
// straight from the distribution instead of from millions of samples. The demo seed's 30-day backfill
// and benchmarks use it; counts are exact by construction (largest-remainder rounding).
import { bucketIndex, bucketValue, emptyHistogram, record, RELATIVE_ACCURACY, type Histogram } from "./histogram";

export interface LatencyShape {
  /** Median of the main body of calls (ms). */
  medianMs: number;
  /** Spread of log latency (lognormal σ): 0.2 is a tight service, 0.6 a noisy one. */
  sigma: number;
  /** Share of calls in the slow tail (a second lognormal, `tailFactor` × slower). */
  tailShare: number;
  tailFactor: number;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf; ~1e-7 absolute error, plenty for bucket weights). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** P(X ≤ v) for the two-component lognormal mixture. */
export function shapeCdf(shape: LatencyShape, valueMs: number): number {
  if (valueMs <= 0) return 0;
  const body = normalCdf((Math.log(valueMs) - Math.log(shape.medianMs)) / shape.sigma);
  const tail = normalCdf((Math.log(valueMs) - Math.log(shape.medianMs * shape.tailFactor)) / (shape.sigma * 1.2));
  return (1 - shape.tailShare) * body + shape.tailShare * tail;
}

/** Bucket shares of the shape at median 1 ms; a median of γ^k ms is the same list shifted by k buckets. */
const shareCache = new Map<string, { first: number; shares: number[] }>();
function unitShares(shape: LatencyShape): { first: number; shares: number[] } {
  const id = `${shape.sigma}|${shape.tailShare}|${shape.tailFactor}`;
  const cached = shareCache.get(id);
  if (cached) return cached;
  const unit = { ...shape, medianMs: 1 };
  const first = bucketIndex(Math.exp(-4.5 * shape.sigma));
  const last = bucketIndex(shape.tailFactor * Math.exp(5.4 * shape.sigma));
  const shares: number[] = [];
  // Bucket i holds (γ^(i-1), γ^i]; the ends absorb what lies beyond the range considered.
  let previous = 0;
  for (let i = first; i <= last; i++) {
    const upper = i === last ? 1 : shapeCdf(unit, upperBound(i));
    shares.push(upper - previous);
    previous = upper;
  }
  const entry = { first, shares };
  shareCache.set(id, entry);
  return entry;
}

/**
 * A histogram of exactly `count` calls distributed as `shape`: each bucket gets its expected share,
 * rounded so the total is exact (largest remainders first). The median is placed to the nearest
 * bucket (0.5 %). Small counts are drawn at random instead, so minute charts look like real traffic.
 */
export function syntheticHistogram(shape: LatencyShape, count: number, random?: () => number): Histogram {
  const h = emptyHistogram();
  if (count <= 0) return h;
  if (random && count < 300) {
    for (let n = 0; n < count; n++) record(h, sampleShape(shape, random));
    return h;
  }
  const { first, shares } = unitShares(shape);
  const offset = Math.round(Math.log(shape.medianMs) / Math.log(GAMMA));
  const n = shares.map((share) => Math.floor(share * count));
  let missing = count - n.reduce((a, b) => a + b, 0);
  const order = shares.map((share, i) => ({ i, remainder: share * count - n[i]! })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let k = 0; missing > 0; k = (k + 1) % order.length, missing--) n[order[k]!.i]! += 1;
  for (const [i, c] of n.entries()) {
    if (c === 0) continue;
    const index = first + i + offset;
    const value = bucketValue(index);
    h.buckets[String(index)] = c;
    h.count += c;
    h.sumMs += c * value;
    h.minMs = h.minMs === null ? value : Math.min(h.minMs, value);
    h.maxMs = h.maxMs === null ? value : Math.max(h.maxMs, value);
  }
  return h;
}

/** One draw from the shape (Box–Muller). */
export function sampleShape(shape: LatencyShape, random: () => number): number {
  const z = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  return random() < shape.tailShare ? shape.medianMs * shape.tailFactor * Math.exp(z * shape.sigma * 1.2) : shape.medianMs * Math.exp(z * shape.sigma);
}

const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
/** The upper edge of bucket i, γ^i. */
const upperBound = (index: number) => GAMMA ** index;

export { prng } from "@/lib/random";

/** Poisson-ish call count around `mean` (normal approximation, never negative). */
export function noisyCount(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  const u = Math.max(random(), 1e-12);
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
}
