// Cumulative → delta, table-driven: first points, steady growth, resets by start time and by counts
// going down, late and repeated points, changed bounds, and exponential histograms changing scale.
import { describe, expect, it } from "vitest";
import { cumulativeDelta, FIRST_POINT_WINDOW_NS, stateOf, type SeriesState } from "./cumulative";
import type { ExplicitPoint, ExponentialPoint, MetricPoint, SumPoint } from "./otlp-metrics";

const S = 1_000_000_000n; // a second in ns
const base = { seriesId: "s", metric: "duration", unit: "ms", temporality: "cumulative" as const, resource: {}, attributes: {} };
const hist = (start: bigint, time: bigint, bucketCounts: number[], sum: number | null = null, bounds = [10, 100]): ExplicitPoint => ({
  ...base,
  type: "histogram",
  startUnixNano: start,
  timeUnixNano: time,
  count: bucketCounts.reduce((a, b) => a + b, 0),
  sum,
  min: null,
  max: null,
  bounds,
  bucketCounts,
});
const sum = (start: bigint, time: bigint, value: number): SumPoint => ({ ...base, type: "sum", startUnixNano: start, timeUnixNano: time, value });
const expo = (start: bigint, time: bigint, scale: number, offset: number, counts: number[], zeroCount = 0): ExponentialPoint => ({
  ...base,
  type: "exponential",
  startUnixNano: start,
  timeUnixNano: time,
  count: zeroCount + counts.reduce((a, b) => a + b, 0),
  sum: null,
  min: null,
  max: null,
  scale,
  zeroCount,
  positive: { offset, counts },
  negative: { offset: 0, counts: [] },
});

/** Runs points through the state machine as ingestion does, returning what each one added. */
function run(points: MetricPoint[], initial: SeriesState | null = null) {
  let state = initial;
  return points.map((p) => {
    const out = cumulativeDelta(state, p);
    if (out.kind === "delta" || out.why !== "stale") state = stateOf(p);
    if (out.kind === "skip") return out.why;
    const d = out.point;
    return d.type === "sum" ? d.value : d.type === "histogram" ? d.bucketCounts : { scale: d.scale, zero: d.zeroCount, ...d.positive };
  });
}

const T0 = 1_700_000_000n * S;

describe("cumulativeDelta", () => {
  it.each<[string, MetricPoint[], unknown[]]>([
    ["a long-running series' first point only sets the state", [hist(T0, T0 + 3600n * S, [5, 5, 0]), hist(T0, T0 + 3660n * S, [6, 9, 1])], ["first", [1, 4, 1]]],
    ["a series that began within the window counts its first point whole", [hist(T0, T0 + 30n * S, [2, 1, 0]), hist(T0, T0 + 90n * S, [2, 3, 0])], [[2, 1, 0], [0, 2, 0]]],
    ["the window's edge is inclusive", [hist(T0, T0 + FIRST_POINT_WINDOW_NS, [1, 0, 0])], [[1, 0, 0]]],
    ["a point without a start time never counts whole at first", [hist(0n, T0, [1, 0, 0]), hist(0n, T0 + 60n * S, [1, 1, 0])], ["first", [0, 1, 0]]],
    ["a new start time is a reset: the point counts whole", [hist(T0, T0 + 600n * S, [9, 9, 9]), hist(T0 + 700n * S, T0 + 760n * S, [1, 2, 0])], ["first", [1, 2, 0]]],
    ["a count going down is a reset even with the same start", [hist(T0, T0 + 600n * S, [9, 9, 9]), hist(T0, T0 + 660n * S, [1, 0, 0])], ["first", [1, 0, 0]]],
    ["one bucket going down is a reset too", [hist(T0, T0 + 600n * S, [5, 5, 0]), hist(T0, T0 + 660n * S, [3, 8, 0])], ["first", [3, 8, 0]]],
    ["an older or repeated point adds nothing and keeps the state", [hist(T0, T0 + 600n * S, [1, 1, 0]), hist(T0, T0 + 660n * S, [2, 1, 0]), hist(T0, T0 + 630n * S, [2, 0, 0]), hist(T0, T0 + 660n * S, [2, 1, 0]), hist(T0, T0 + 720n * S, [3, 1, 0])], ["first", [1, 0, 0], "stale", "stale", [1, 0, 0]]],
    ["changed bounds cannot be subtracted: the state starts over", [hist(T0, T0 + 600n * S, [1, 1, 0]), hist(T0, T0 + 660n * S, [2, 2, 0], null, [20, 100]), hist(T0, T0 + 720n * S, [2, 3, 0], null, [20, 100])], ["first", "reshaped", [0, 1, 0]]],
    ["sums subtract; a lower value is a reset", [sum(T0, T0 + 600n * S, 10), sum(T0, T0 + 660n * S, 14), sum(T0, T0 + 720n * S, 3)], ["first", 4, 3]],
    ["a sum after a histogram in the same series is reshaped", [hist(T0, T0 + 600n * S, [1, 0, 0]), sum(T0, T0 + 660n * S, 2)], ["first", "reshaped"]],
  ])("%s", (_, points, want) => {
    expect(run(points)).toEqual(want);
  });

  it("subtracts exponential buckets, comparing at the coarser scale when the producer lowers it", () => {
    const out = run([expo(T0, T0 + 600n * S, 2, 4, [1, 1, 1, 1], 1), expo(T0, T0 + 660n * S, 2, 4, [1, 3, 1, 2], 2), expo(T0, T0 + 720n * S, 1, 2, [3, 5], 2)]);
    // At scale 1 the previous buckets 4..7 become [4, 3] at index 2: the new [3, 5] went down, a reset.
    expect(out).toEqual(["first", { scale: 2, zero: 1, offset: 4, counts: [0, 2, 0, 1] }, { scale: 1, zero: 2, offset: 2, counts: [3, 5] }]);
    // [1,1,1,1] at scale 2 is [2, 2] at scale 1; [3, 4] adds [1, 2].
    const grown = run([expo(T0, T0 + 600n * S, 2, 4, [1, 1, 1, 1]), expo(T0, T0 + 660n * S, 1, 2, [3, 4])]);
    expect(grown).toEqual(["first", { scale: 1, zero: 0, offset: 2, counts: [1, 2] }]);
  });

  it("marks only whole points as carrying their own min, max and sum", () => {
    const first = cumulativeDelta(null, hist(T0, T0 + 10n * S, [1, 0, 0], 3));
    expect(first).toMatchObject({ kind: "delta", exactStats: true, reset: false });
    const next = cumulativeDelta(stateOf(hist(T0, T0 + 10n * S, [1, 0, 0], 3)), hist(T0, T0 + 70n * S, [2, 0, 0], 8));
    expect(next).toMatchObject({ kind: "delta", exactStats: false, point: { count: 1, sum: 5 } });
    const reset = cumulativeDelta(stateOf(hist(T0, T0 + 10n * S, [1, 0, 0])), hist(T0 + 20n * S, T0 + 70n * S, [1, 0, 0]));
    expect(reset).toMatchObject({ kind: "delta", exactStats: true, reset: true });
  });
});
