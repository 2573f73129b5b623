import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandEdges, bandHistograms, bandOf } from "./heatmap-bands";
import { emptyHistogram, record, type Histogram } from "./histogram";

const histogramOf = (values: number[]): Histogram => {
  const h = emptyHistogram();
  for (const v of values) record(h, v);
  return h;
};

describe("band edges", () => {
  it("are log-spaced from the low to the high end", () => {
    const edges = bandEdges(1, 1000, 3);
    expect(edges).toHaveLength(4);
    [1, 10, 100, 1000].forEach((e, i) => expect(edges[i]).toBeCloseTo(e, 9));
  });

  it("widen a single value by 10 % either side so the band has width", () => {
    const edges = bandEdges(50, 50, 2);
    expect(edges[0]).toBeCloseTo(50 / 1.1, 9);
    expect(edges[2]).toBeCloseTo(55, 9);
  });

  it.each([
    [0.5, 0],
    [1, 0],
    [5, 0],
    [20, 1],
    [99, 1],
    [101, 2],
    [999, 2],
    [5000, 2],
  ])("puts %s ms in band %s of [1, 10, 100, 1000]", (v, band) => {
    expect(bandOf([1, 10, 100, 1000], v)).toBe(band);
  });
});

describe("banding histograms", () => {
  it("shows a bimodal distribution as two separate bands with exact counts", () => {
    const values = [...Array<number>(100).fill(10), ...Array<number>(50).fill(500)];
    const { edgesMs, columns, maxCount } = bandHistograms([{ t: 0, histogram: histogramOf(values) }], 24);
    expect(edgesMs).toHaveLength(25);
    expect(edgesMs[0]).toBeCloseTo(10, 9); // the range is the observed min and max
    expect(edgesMs[24]).toBeCloseTo(500, 9);
    const counts = columns[0]!.counts;
    expect(counts[0]).toBe(100);
    expect(counts[23]).toBe(50);
    expect(counts.slice(1, 23).every((c) => c === 0)).toBe(true);
    expect(maxCount).toBe(100);
  });

  it("puts zero-duration calls in the lowest band", () => {
    // Edges ≈ 3, 5.3, 9.5, 16.9, 30: the zeros join the 3 ms call in the lowest band.
    const { columns } = bandHistograms([{ t: 0, histogram: histogramOf([0, 0, 0, 3, 12, 30]) }], 4);
    expect(columns[0]!.counts).toEqual([4, 0, 1, 1]);
  });

  it("keeps empty steps as empty columns", () => {
    const { columns } = bandHistograms([{ t: 0, histogram: histogramOf([1, 2]) }, { t: 60_000, histogram: emptyHistogram() }], 3);
    expect(columns[1]).toEqual({ t: 60_000, count: 0, counts: [0, 0, 0] });
  });

  it("conserves every call exactly, per column and in total, whatever the distribution", () => {
    // Latencies from exact zeros through microseconds to minutes, in up to 30 steps, into 1–40 bands.
    const latency = fc.oneof(fc.constant(0), fc.double({ min: 0.0001, max: 120_000, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.array(latency, { maxLength: 200 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (stepValues, bands) => {
        const steps = stepValues.map((values, i) => ({ t: i * 60_000, histogram: histogramOf(values) }));
        const { columns, edgesMs } = bandHistograms(steps, bands);
        expect(edgesMs).toHaveLength(bands + 1);
        columns.forEach((c, i) => {
          expect(c.counts).toHaveLength(bands);
          expect(c.counts.reduce((a, b) => a + b, 0)).toBe(stepValues[i]!.length);
          expect(c.count).toBe(stepValues[i]!.length);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("handles a range with no calls at all", () => {
    const { columns, maxCount, edgesMs } = bandHistograms([{ t: 0, histogram: emptyHistogram() }], 3);
    expect(columns[0]!.counts).toEqual([0, 0, 0]);
    expect(maxCount).toBe(0);
    expect(edgesMs.every(Number.isFinite)).toBe(true);
  });
});
