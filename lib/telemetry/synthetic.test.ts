import { describe, expect, it } from "vitest";
import { quantile } from "./histogram";
import { noisyCount, normalCdf, prng, shapeCdf, syntheticHistogram, type LatencyShape } from "./synthetic";

/** The exact q-quantile of the shape, by bisection on its CDF: an independent route to the answer. */
function exactQuantile(shape: LatencyShape, q: number): number {
  let lo = 1e-6;
  let hi = shape.medianMs * shape.tailFactor * 1000;
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(lo * hi);
    if (shapeCdf(shape, mid) < q) lo = mid;
    else hi = mid;
  }
  return hi;
}

describe("normalCdf", () => {
  it.each([
    [0, 0.5],
    [1, 0.841345],
    [-1.96, 0.024998],
    [2.326348, 0.99],
  ])("Φ(%s) = %s", (z, p) => expect(normalCdf(z)).toBeCloseTo(p, 5));
});

describe("syntheticHistogram", () => {
  const shapes: LatencyShape[] = [
    { medianMs: 40, sigma: 0.25, tailShare: 0.02, tailFactor: 3 },
    { medianMs: 900, sigma: 0.5, tailShare: 0.05, tailFactor: 4 },
    { medianMs: 5000, sigma: 0.35, tailShare: 0, tailFactor: 1 },
  ];

  it.each(shapes)("holds exactly the count asked for (median $medianMs ms)", (shape) => {
    for (const count of [1, 7, 60, 1234, 250_000]) {
      const h = syntheticHistogram(shape, count);
      expect(h.count).toBe(count);
      expect(Object.values(h.buckets).reduce((a, b) => a + b, 0)).toBe(count);
    }
  });

  it.each(shapes)("puts p50, p95 and p99 within 1.5 % of the distribution's own (median $medianMs ms)", (shape) => {
    const h = syntheticHistogram(shape, 100_000);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = exactQuantile(shape, q);
      expect(Math.abs(quantile(h, q)! - exact) / exact).toBeLessThan(0.015);
    }
  });

  it("draws small counts at random, still exactly as many, around the same median", () => {
    const random = prng(3);
    const h = syntheticHistogram(shapes[0]!, 200, random);
    expect(h.count).toBe(200);
    expect(Object.values(h.buckets).reduce((a, b) => a + b, 0)).toBe(200);
    expect(Math.abs(quantile(h, 0.5)! - 40) / 40).toBeLessThan(0.1);
  });

  it("is empty for no calls", () => {
    expect(syntheticHistogram(shapes[0]!, 0).count).toBe(0);
  });
});

describe("prng and noisyCount", () => {
  it("repeats for a seed and stays near the mean", () => {
    const a = prng(42);
    const b = prng(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    const r = prng(7);
    const counts = Array.from({ length: 2000 }, () => noisyCount(100, r));
    const mean = counts.reduce((x, y) => x + y, 0) / counts.length;
    expect(mean).toBeGreaterThan(98);
    expect(mean).toBeLessThan(102);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(0);
    expect(noisyCount(0, r)).toBe(0);
  });
});
