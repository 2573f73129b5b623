// Histogram points into log histograms: units, exact counts, and percentiles that miss the exact
// nearest-rank value by no more than the source bucket they came from (checked over random samples).
import { describe, expect, it } from "vitest";
import { quantile, RELATIVE_ACCURACY } from "./histogram";
import { explicitToHistogram, exponentialBase, exponentialIsApproximate, exponentialToHistogram, unitToMs } from "./metric-histograms";

/** A seeded generator (mulberry32), so failures reproduce. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const lognormal = (r: () => number, median: number, sigma: number) => median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
const exactRank = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;

describe("unitToMs", () => {
  it.each([
    ["s", "duration", 1000],
    ["ms", "duration", 1],
    ["us", "duration", 0.001],
    ["µs", "duration", 0.001],
    ["ns", "duration", 0.000001],
    ["", "traces_service_graph_request_server_seconds", 1000],
    ["1", "http_client_duration_milliseconds", 1],
    ["", "duration", null],
    ["1", "latency", null],
    ["min", "duration", null],
    ["By", "request.size", null],
  ])("unit %j on %s → %s ms", (unit, metric, ms) => {
    expect(unitToMs(unit, metric)).toBe(ms);
  });
});

describe("explicitToHistogram", () => {
  const bounds = [2, 5, 10, 25, 50, 75, 100, 250, 500, 1000];

  it.each([
    ["lognormal", 1, (r: () => number) => lognormal(r, 40, 0.8)],
    ["bimodal", 2, (r: () => number) => (r() < 0.7 ? lognormal(r, 8, 0.3) : lognormal(r, 300, 0.2))],
    ["uniform", 3, (r: () => number) => 1 + r() * 900],
    ["heavy-tailed", 4, (r: () => number) => 5 / Math.pow(1 - r(), 1 / 1.5)],
  ])("%s samples: counts exact, percentiles inside the bucket holding the exact one", (_, seed, draw) => {
    const r = rng(seed);
    const values = Array.from({ length: 5000 }, () => draw(r));
    const counts = new Array(bounds.length + 1).fill(0) as number[];
    for (const v of values) {
      const i = bounds.findIndex((b) => v <= b);
      counts[i === -1 ? bounds.length : i]! += 1;
    }
    const sorted = [...values].sort((a, b) => a - b);
    const stats = { min: sorted[0]!, max: sorted.at(-1)!, sum: values.reduce((a, b) => a + b, 0) };
    const h = explicitToHistogram(bounds, counts, stats, 1, true);
    expect(h.count).toBe(5000);
    expect(h.minMs).toBe(stats.min);
    expect(h.maxMs).toBe(stats.max);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = exactRank(sorted, q);
      const i = bounds.findIndex((b) => exact <= b);
      const lo = Math.max(i <= 0 ? 0 : bounds[i - 1]!, stats.min);
      const hi = Math.min(i === -1 ? stats.max : bounds[i]!, stats.max);
      const estimate = quantile(h, q)!;
      expect(estimate).toBeGreaterThanOrEqual(lo * (1 - RELATIVE_ACCURACY));
      expect(estimate).toBeLessThanOrEqual(hi * (1 + RELATIVE_ACCURACY));
    }
  });

  it("places each bucket at its geometric midpoint, narrowed by min and max, in the declared unit", () => {
    // (−∞,1] ∩ [0.5,…) → √(0.5·1); (1,4] → 2; (4,∞) ∩ (…,9] → 6; seconds → ms.
    const h = explicitToHistogram([1, 4], [1, 2, 1], { min: 0.5, max: 9, sum: 12 }, 1000, true);
    expect(h.count).toBe(4);
    const within = (v: number | null, want: number) => expect(Math.abs(v! / want - 1)).toBeLessThanOrEqual(RELATIVE_ACCURACY);
    within(quantile(h, 0.25), Math.SQRT1_2 * 1000);
    within(quantile(h, 0.5), 2000);
    expect(quantile(h, 1)).toBe(9000);
    expect(h.sumMs).toBe(12000);
    // Without min/max (a delta taken from cumulative points): the open buckets fall back to what is known.
    const open = explicitToHistogram([1, 4], [1, 0, 1], { min: null, max: null, sum: null }, 1, false);
    expect([quantile(open, 0.5), quantile(open, 1)]).toEqual([open.minMs, open.maxMs]);
    expect(Math.abs(open.minMs! / 0.5 - 1)).toBeLessThanOrEqual(RELATIVE_ACCURACY);
    expect(Math.abs(open.maxMs! / 4 - 1)).toBeLessThanOrEqual(RELATIVE_ACCURACY);
  });
});

describe("exponentialToHistogram", () => {
  it.each([0, 3, 8])("scale %i: counts exact, percentiles within half a bucket ratio", (scale) => {
    const r = rng(10 + scale);
    const values = Array.from({ length: 4000 }, () => lognormal(r, 0.05, 1)); // seconds
    const base = exponentialBase(scale);
    const index = (v: number) => Math.ceil(Math.log(v) / Math.log(base)) - 1; // (base^k, base^(k+1)]
    const ks = values.map(index);
    const offset = Math.min(...ks);
    const counts = new Array(Math.max(...ks) - offset + 1).fill(0) as number[];
    for (const k of ks) counts[k - offset]! += 1;
    const h = exponentialToHistogram({ scale, zeroCount: 3, positive: { offset, counts }, negative: { offset: 0, counts: [2] } }, { min: null, max: null, sum: null }, 1000, false);
    expect(h.count).toBe(4005);
    expect(h.zero).toBe(5);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      // Ranks shift by the five zeros; compare with the same rank among the positives.
      const exact = sorted[Math.ceil(q * 4005) - 5 - 1]! * 1000;
      const estimate = quantile(h, q)!;
      const tolerance = Math.sqrt(base) * (1 + RELATIVE_ACCURACY);
      expect(estimate / exact).toBeLessThanOrEqual(tolerance);
      expect(exact / estimate).toBeLessThanOrEqual(tolerance);
    }
  });

  it("calls coarse scales approximate and fine ones not", () => {
    expect([0, 3, 5, 6].map(exponentialIsApproximate)).toEqual([true, true, true, true]);
    expect([7, 8, 20].map(exponentialIsApproximate)).toEqual([false, false, false]);
  });
});
