import { describe, expect, it } from "vitest";
import { assembleClassic, type ClassicGroup, type ClassicParts, type SeriesLayout } from "./classic-assembly";

const SHAPE = { seriesId: "s", metric: "traces_spanmetrics_latency", unit: "s", resource: { "service.name": "a" }, attributes: { "span.kind": "SPAN_KIND_CLIENT" } };
const NOW = 1_000_000;
const WAIT = 30_000;
/** A histogram of calls at 0.05 s (2) and 0.5 s (1), bounds 0.1 and 1, as its parts. */
const FULL: ClassicParts = { "0.1": 2, "1": 3, "+Inf": 3, sum: 0.6, count: 3 };
const pick = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, FULL[k]!]));
const group = (timestampMs: number, fresh: ClassicParts, staged: ClassicParts = {}, stagedSinceMs: number | null = null): ClassicGroup => ({
  seriesHash: "h",
  timestampMs,
  shape: SHAPE,
  fresh,
  staged,
  stagedSinceMs: Object.keys(staged).length ? (stagedSinceMs ?? NOW - 1_000) : null,
});
const run = (groups: ClassicGroup[], layout: SeriesLayout | null = { timeMs: 0, bounds: [0.1, 1] }) => assembleClassic(groups, new Map([["h", layout]]), NOW, WAIT);

describe("assembleClassic", () => {
  it("folds a histogram whose series all came in one request, staging nothing", () => {
    const a = run([group(10, FULL)]);
    expect(a.points.map((p) => [p.bounds, p.bucketCounts, p.count, p.sum, p.timeUnixNano])).toEqual([[[0.1, 1], [2, 1, 0], 3, 0.6, 10_000_000n]]);
    expect([a.stage, a.resolved, a.incomplete]).toEqual([[], [], 0]);
  });

  it("stages the part of a histogram that came alone, then folds it when the rest arrives, and is done with the staged rows", () => {
    const first = run([group(10, pick("0.1", "1"))]);
    expect(first.points).toEqual([]);
    expect(first.stage.map((r) => [r.part, r.value]).sort()).toEqual([["0.1", 2], ["1", 3]]);
    const second = run([group(10, pick("+Inf", "sum", "count"), pick("0.1", "1"))]);
    expect(second.points.map((p) => p.bucketCounts)).toEqual([[2, 1, 0]]);
    expect(second.resolved).toEqual([{ seriesHash: "h", timestampMs: 10 }]);
    expect(second.stage).toEqual([]);
  });

  it("waits when a bound the series has shown is missing, even with +Inf, _sum and _count", () => {
    const a = run([group(10, pick("1", "+Inf", "sum", "count"))]);
    expect(a.points).toEqual([]);
    expect(a.stage.map((r) => r.part).sort()).toEqual(["+Inf", "1", "count", "sum"]);
  });

  it("takes the bounds of other timestamps in the same pass as the layout when the series has no state yet", () => {
    const a = run([group(10, pick("1", "+Inf", "sum", "count")), group(20, FULL)], null);
    expect(a.points.map((p) => p.timeUnixNano)).toEqual([20_000_000n]);
    expect(a.incomplete).toBe(1); // the older one was overtaken by the complete later one
  });

  it("drops, without counting, a resent part of a histogram already folded (older than the series' state)", () => {
    const a = run([group(10, pick("0.1")), group(5, {}, pick("1"))], { timeMs: 10, bounds: [0.1, 1] });
    expect(a.points).toEqual([]);
    expect(a.stage).toEqual([]);
    expect(a.resolved).toEqual([{ seriesHash: "h", timestampMs: 5 }]);
    expect(a.incomplete).toBe(0);
  });

  it("after the wait folds what has +Inf (no _sum: sum unknown) and drops what has not, as incomplete", () => {
    const old = NOW - WAIT;
    const a = assembleClassic(
      [
        { ...group(10, {}, pick("0.1", "1", "+Inf", "count"), old), seriesHash: "h" },
        { ...group(10, {}, pick("0.1", "1"), old), seriesHash: "g" },
      ],
      new Map(),
      NOW,
      WAIT,
    );
    expect(a.points.map((p) => [p.count, p.sum])).toEqual([[3, null]]);
    expect(a.incomplete).toBe(1);
    expect(a.resolved).toHaveLength(2);
  });

  it("still waits just before the wait is over", () => {
    const a = run([group(10, {}, pick("0.1", "1", "+Inf"), NOW - WAIT + 1)]);
    expect([a.points, a.resolved, a.stage]).toEqual([[], [], []]);
  });

  it("rejects a complete histogram whose counts go down as le grows", () => {
    const a = run([group(10, { ...FULL, "1": 1 })]);
    expect(a.points).toEqual([]);
    expect(a.invalid).toEqual(["traces_spanmetrics_latency_bucket: le bucket counts must be whole numbers that do not decrease with le"]);
  });
});
