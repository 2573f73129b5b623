// Exemplar choice: by hand on a small case, then against the definition on random minutes — the
// streaming picker agrees with choosing from all calls, and choosing from two choices agrees with
// choosing from both batches (what the store's merge relies on).
import { describe, expect, it } from "vitest";
import { prng } from "@/lib/random";
import { chooseExemplars, EXEMPLARS_PER_MINUTE, ExemplarPicker, rollUpExemplars, type Exemplar } from "./exemplars";

const call = (id: number, durationMs: number, atMs: number, error = false): Exemplar => ({ traceId: "t".repeat(32), spanId: id.toString(16).padStart(16, "0"), durationMs, atMs, error });

const minute = (seed: number, n: number, firstId = 0) => {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => call(firstId + i, Math.round(r() * 500 * 10) / 10, Math.floor(r() * 60_000), r() < 0.2));
};
const ids = (list: Exemplar[]) => list.map((e) => parseInt(e.spanId, 16));

describe("chooseExemplars", () => {
  it("takes the first three errors by time, then the five slowest of the rest", () => {
    const calls = [
      call(1, 10, 500, true),
      call(2, 900, 100),
      call(3, 20, 50, true),
      call(4, 800, 200),
      call(5, 30, 900, true),
      call(6, 999, 10, true),
      call(7, 700, 300),
      call(8, 600, 400),
      call(9, 5, 0),
      call(10, 650, 10),
    ];
    // Errors by time: 6 (at 10), 3 (50), 1 (500), 5 (900) → 6, 3, 1. The rest, slowest first: 2 (900 ms), 4 (800), 7 (700), 10 (650), 8 (600).
    expect(ids(chooseExemplars(calls))).toEqual([6, 3, 1, 2, 4, 7, 10, 8]);
  });

  it("keeps each call once and never more than eight", () => {
    const c = call(1, 10, 0, true);
    expect(chooseExemplars([c, c, { ...c }])).toHaveLength(1);
    expect(chooseExemplars(minute(1, 500))).toHaveLength(EXEMPLARS_PER_MINUTE);
    expect(chooseExemplars([])).toEqual([]);
  });
});

describe("the choice is mergeable and can be made while streaming", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])("seed %i", (seed) => {
    const a = minute(seed, 1 + (seed * 37) % 300);
    const b = minute(seed + 1000, 1 + (seed * 53) % 200, 10_000);
    const all = chooseExemplars([...a, ...b]);
    expect(chooseExemplars([...chooseExemplars(a), ...chooseExemplars(b)])).toEqual(all);
    const picker = new ExemplarPicker();
    for (const e of [...b, ...a]) picker.add(e);
    expect(picker.picked()).toEqual(all);
    // Folding offers a call only when mayKeep says it could be kept: skipping the others changes nothing.
    const gated = new ExemplarPicker();
    let skipped = 0;
    for (const e of [...b, ...a]) {
      if (gated.mayKeep(e.durationMs, e.atMs, e.error)) gated.add(e);
      else skipped += 1;
    }
    expect(gated.picked()).toEqual(all);
    if (a.length + b.length > 100) expect(skipped).toBeGreaterThan(0);
  });

  it("mayKeep settles ties on duration and time by letting add decide", () => {
    // Many calls of the same few durations, errors at the same instants: ties with the kept ones.
    const r = prng(42);
    const calls = Array.from({ length: 400 }, (_, i) => call(i, Math.floor(r() * 4), Math.floor(r() * 5) * 1000, r() < 0.3));
    const gated = new ExemplarPicker();
    // Offered in descending ids: a tie offered later wins it (ties go to the lower span id).
    for (const e of [...calls].reverse()) if (gated.mayKeep(e.durationMs, e.atMs, e.error)) gated.add(e);
    expect(gated.picked()).toEqual(chooseExemplars(calls));
  });
});

describe("rollUpExemplars", () => {
  const call = (n: number, durationMs: number, error: boolean): Exemplar => ({ traceId: `t${n}`, spanId: `s${String(n).padStart(2, "0")}`, durationMs, atMs: n * 1000, error });
  it.each([
    // errors by time, first of each of three equal runs (ntile: the first runs one longer)
    ["7 errors: runs of 3, 2, 2", [0, 1, 2, 3, 4, 5, 6], ["s00", "s03", "s05"]],
    ["2 errors: both", [4, 9], ["s04", "s09"]],
    ["3 errors: all", [1, 2, 3], ["s01", "s02", "s03"]],
    ["no errors", [], []],
  ])("%s", (_, errorAt, expectedErrors) => {
    const calls = Array.from({ length: 12 }, (_, n) => call(n, 100 - n * 5, (errorAt as number[]).includes(n)));
    const kept = rollUpExemplars([...calls].reverse());
    expect(kept.filter((e) => e.error && (expectedErrors as string[]).includes(e.spanId)).map((e) => e.spanId)).toEqual(expectedErrors);
    expect(kept.slice(0, (expectedErrors as string[]).length).map((e) => e.spanId)).toEqual(expectedErrors);
    // then the five slowest of the rest: the lowest n not taken as sampled errors
    const rest = calls.filter((c) => !(expectedErrors as string[]).includes(c.spanId)).slice(0, 5).map((c) => c.spanId);
    expect(kept.slice((expectedErrors as string[]).length).map((e) => e.spanId)).toEqual(rest);
  });
});
