import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gaussian, rng } from "./seeded-random";
import { bucketIndex, bucketValue, countAtOrBelow, emptyHistogram, merge, quantile, record, RELATIVE_ACCURACY, sameHistogram, type Histogram } from "./histogram";

/** The exact nearest-rank quantile of raw samples: the independent method the sketch is held to. */
function exactQuantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

const from = (samples: number[]): Histogram => {
  const h = emptyHistogram();
  for (const s of samples) record(h, s);
  return h;
};

const relativeError = (estimate: number, exact: number) => (exact === 0 ? Math.abs(estimate) : Math.abs(estimate - exact) / exact);

// Seeded generators for the distributions latencies actually follow.
const normal = gaussian;
const distributions: Record<string, (r: () => number) => number> = {
  lognormal: (r) => Math.exp(3 + 0.8 * normal(r)),
  bimodal: (r) => (r() < 0.7 ? 20 + 3 * normal(r) : 250 + 40 * normal(r)),
  uniform: (r) => 1 + r() * 999,
  "heavy-tailed (Pareto α=1.2)": (r) => 5 / (1 - r()) ** (1 / 1.2),
};

describe("histogram accuracy against exact nearest-rank percentiles", () => {
  for (const [name, draw] of Object.entries(distributions)) {
    it(`${name}: p50/p90/p95/p99/p99.9 within 1 % relative error`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1000, max: 20000 }), (seed, n) => {
          const r = rng(seed);
          const samples = Array.from({ length: n }, () => Math.max(0.01, draw(r)));
          const h = from(samples);
          expect(h.count).toBe(n);
          for (const q of [0.5, 0.9, 0.95, 0.99, 0.999]) {
            expect(relativeError(quantile(h, q)!, exactQuantile(samples, q))).toBeLessThanOrEqual(0.01);
          }
        }),
        { numRuns: 25 },
      );
    });
  }

  it("any sample set (fast-check's own values), any quantile", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (samples, q) => {
        expect(relativeError(quantile(from(samples), q)!, exactQuantile(samples, q))).toBeLessThanOrEqual(0.01);
      }),
      { numRuns: 300 },
    );
  });
});

describe("histogram algebra", () => {
  it("merging equals recording everything into one (order never matters)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { maxLength: 50 }), { maxLength: 6 }), (parts) => {
        const whole = from(parts.flat());
        const merged = parts.map(from).reduce((a, b) => merge(a, b), emptyHistogram());
        const reversed = [...parts].reverse().map(from).reduce((a, b) => merge(a, b), emptyHistogram());
        for (const h of [merged, reversed]) {
          expect(h.count).toBe(whole.count);
          expect(h.zero).toBe(whole.zero);
          expect(h.buckets).toEqual(whole.buckets);
          expect(h.minMs).toBe(whole.minMs);
          expect(h.maxMs).toBe(whole.maxMs);
          expect(h.sumMs).toBeCloseTo(whole.sumMs, 6);
        }
      }),
    );
  });

  it("represents every value within the relative accuracy", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.002, max: 1e9, noNaN: true }), (v) => {
        expect(relativeError(bucketValue(bucketIndex(v)), v)).toBeLessThanOrEqual(RELATIVE_ACCURACY + 1e-12);
      }),
    );
  });

  it("counts exactly, including pre-aggregated observations, zeros and the extremes", () => {
    const h = emptyHistogram();
    record(h, 0);
    record(h, 10, 3);
    record(h, 1000);
    record(h, Number.NaN);
    expect(h).toMatchObject({ count: 5, zero: 1, minMs: 0, maxMs: 1000, sumMs: 1030 });
    expect(quantile(h, 0)).toBe(0);
    expect(quantile(h, 0.2)).toBe(0);
    expect(relativeError(quantile(h, 0.5)!, 10)).toBeLessThanOrEqual(RELATIVE_ACCURACY);
    expect(quantile(h, 1)).toBe(1000);
    expect(quantile(emptyHistogram(), 0.99)).toBeNull();
  });
});

describe("countAtOrBelow", () => {
  it("counts exactly when the threshold is away from the values, and at the extremes", () => {
    const h = from([5, 10, 10, 200, 300, 0]);
    expect(countAtOrBelow(h, 100)).toBe(4);
    expect(countAtOrBelow(h, 1000)).toBe(6);
    expect(countAtOrBelow(h, 300)).toBe(6);
    expect(countAtOrBelow(h, 1)).toBe(1);
    expect(countAtOrBelow(emptyHistogram(), 10)).toBe(0);
  });
  it("is within one bucket of the exact count for any threshold", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.double({ min: 0.01, max: 1e4, noNaN: true }), (samples, t) => {
        const exactLow = samples.filter((s) => s <= t * (1 - RELATIVE_ACCURACY) ** 2).length;
        const exactHigh = samples.filter((s) => s <= t * (1 + RELATIVE_ACCURACY) ** 2).length;
        const got = countAtOrBelow(from(samples), t);
        expect(got).toBeGreaterThanOrEqual(exactLow);
        expect(got).toBeLessThanOrEqual(exactHigh);
      }),
    );
  });
});

describe("sameHistogram", () => {
  const of = (values: number[]) => {
    const h = emptyHistogram();
    for (const v of values) record(h, v);
    return h;
  };
  it("says yes for the same observations, however the histograms were built", () => {
    expect(sameHistogram(of([10, 20, 0]), merge(of([20]), of([0, 10])))).toBe(true);
    expect(sameHistogram(emptyHistogram(), emptyHistogram())).toBe(true);
  });
  it("says no when a bucket, the count, the zero bucket or an extreme differs", () => {
    expect(sameHistogram(of([10, 20]), of([10, 21]))).toBe(false);
    expect(sameHistogram(of([10, 20]), of([10, 20, 20]))).toBe(false);
    expect(sameHistogram(of([10, 0]), of([10, 0.0001]))).toBe(false);
    const wider = of([10, 20]);
    wider.maxMs = 20.01;
    expect(sameHistogram(of([10, 20]), wider)).toBe(false);
    // Same count and sum, observations moved between buckets.
    const moved = of([10, 20]);
    moved.buckets = { ...moved.buckets, "999": 1 };
    delete moved.buckets[Object.keys(moved.buckets)[0]!];
    expect(sameHistogram(of([10, 20]), moved)).toBe(false);
  });
});
