// Latency samplers for the simulation (pure): the inverse CDF of an observed histogram, or of a
// lognormal fitted to declared percentiles. One uniform in, one latency out, monotone in the
// uniform — so a fixed uniform per (request, step, attempt) keeps draws comparable across scenarios.
import { RELATIVE_ACCURACY, type Histogram } from "@/lib/telemetry/histogram";

const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** Φ⁻¹(0.99): how many standard deviations p99 sits above the median. */
export const Z99 = 2.326347874;
const Z95 = 1.644853627;

/** What a step's latency is drawn from, as data (so it can be stored in evidence and sent over HTTP). */
export type LatencySource =
  | { kind: "histogram"; histogram: Histogram }
  | { kind: "lognormal"; mu: number; sigma: number }
  | { kind: "constant"; ms: number };

export type Sampler = (u: number) => number;

/**
 * Inverse CDF of a histogram: pick the bucket whose cumulative share covers u, then place the value
 * uniformly in log within the bucket's bounds (clamped to the observed min and max). Bucket i holds
 * (γ^(i−1), γ^i], so every draw lies within one bucket width of a value that was really observed.
 */
export function histogramSampler(h: Histogram): Sampler {
  const indexes = Object.keys(h.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  const n = indexes.length;
  const cdf = new Float64Array(n);
  const lnLo = new Float64Array(n);
  const lnSpan = new Float64Array(n);
  const total = h.count || 1;
  const lnMin = Math.log(Math.max(h.minMs ?? 0, 1e-9));
  const lnMax = Math.log(Math.max(h.maxMs ?? 0, 1e-9));
  let seen = h.zero;
  for (let k = 0; k < n; k++) {
    const i = indexes[k]!;
    seen += h.buckets[String(i)]!;
    cdf[k] = seen / total;
    const lo = Math.max((i - 1) * LOG_GAMMA, lnMin);
    const hi = Math.max(lo, Math.min(i * LOG_GAMMA, lnMax));
    lnLo[k] = lo;
    lnSpan[k] = hi - lo;
  }
  const zeroShare = h.zero / total;
  return (u) => {
    if (u < zeroShare || n === 0) return 0;
    // Binary search for the first bucket whose cumulative share exceeds u.
    let a = 0;
    let b = n - 1;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (cdf[m]! > u) b = m;
      else a = m + 1;
    }
    const before = a === 0 ? zeroShare : cdf[a - 1]!;
    const width = cdf[a]! - before;
    const f = width > 0 ? Math.min(1, Math.max(0, (u - before) / width)) : 0.5;
    return Math.exp(lnLo[a]! + f * lnSpan[a]!);
  };
}

/** Acklam's rational approximation of Φ⁻¹ (relative error below 1.2e-9), monotone on (0, 1). */
export function inverseNormal(p: number): number {
  const q0 = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628274631];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (q0 < low) {
    const q = Math.sqrt(-2 * Math.log(q0));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (q0 > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - q0));
    return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const q = q0 - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Default spread when only a p99 is declared: p99 ≈ 3.2 × p50, typical of service latency. */
const DEFAULT_SIGMA = 0.5;

/**
 * A lognormal through the declared percentiles: μ = ln p50 and σ = (ln p99 − ln p50) / Φ⁻¹(0.99);
 * from p95 and p99 when p50 is missing; with p99 alone, σ = 0.5.
 */
export function fitLognormal(budget: { p50Ms: number | null; p95Ms: number | null; p99Ms: number }): { kind: "lognormal"; mu: number; sigma: number } {
  const ln99 = Math.log(budget.p99Ms);
  if (budget.p50Ms != null && budget.p50Ms < budget.p99Ms) {
    const mu = Math.log(budget.p50Ms);
    return { kind: "lognormal", mu, sigma: (ln99 - mu) / Z99 };
  }
  if (budget.p95Ms != null && budget.p95Ms < budget.p99Ms) {
    const sigma = (ln99 - Math.log(budget.p95Ms)) / (Z99 - Z95);
    return { kind: "lognormal", mu: ln99 - Z99 * sigma, sigma };
  }
  if (budget.p50Ms != null) return { kind: "lognormal", mu: Math.log(budget.p50Ms), sigma: 0 };
  return { kind: "lognormal", mu: ln99 - Z99 * DEFAULT_SIGMA, sigma: DEFAULT_SIGMA };
}

export function samplerOf(source: LatencySource): Sampler {
  if (source.kind === "histogram") return histogramSampler(source.histogram);
  if (source.kind === "constant") {
    const ms = source.ms;
    return () => ms;
  }
  const { mu, sigma } = source;
  return (u) => Math.exp(mu + sigma * inverseNormal(u));
}
