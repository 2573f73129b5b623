import { describe, expect, it } from "vitest";
import { burnDown, DAY_MS } from "./burn-down";

const start = Date.UTC(2026, 10, 1);

describe("error-budget burn-down", () => {
  it("spends the window's budget day by day (hand-worked)", () => {
    // 4,000 calls against 99 %: the budget is 40 bad calls. Bad: 5, then 0, then 25 → 35, 35, 10 left.
    const days = [
      { good: 995, total: 1000 },
      { good: 1000, total: 1000 },
      { good: 1975, total: 2000 },
    ];
    const points = burnDown(start, start + 3 * DAY_MS, days, 99);
    expect(points.map((p) => p.t)).toEqual([0, 1, 2, 3].map((d) => new Date(start + d * DAY_MS).toISOString()));
    const percents = points.map((p) => p.remainingPercent);
    const calls = points.map((p) => p.remainingCalls);
    [100, 87.5, 87.5, 25].forEach((v, i) => expect(percents[i]).toBeCloseTo(v, 9));
    [40, 35, 35, 10].forEach((v, i) => expect(calls[i]).toBeCloseTo(v, 9));
  });

  it("goes negative once the budget is overspent, and ends at now", () => {
    // 1,000 calls against 99.9 %: 1 bad call allowed; 3 bad → −2 calls, −200 %.
    const now = start + DAY_MS + 3_600_000;
    const points = burnDown(start, now, [{ good: 500, total: 500 }, { good: 497, total: 500 }], 99.9);
    expect(points.at(-1)!.t).toBe(new Date(now).toISOString());
    expect(points.at(-1)!.remainingCalls).toBeCloseTo(-2, 9);
    expect(points.at(-1)!.remainingPercent).toBeCloseTo(-200, 9);
    expect(points[1]!.remainingPercent).toBeCloseTo(100, 9);
  });

  it("has nothing to say without traffic", () => {
    const points = burnDown(start, start + 2 * DAY_MS, [{ good: 0, total: 0 }, { good: 0, total: 0 }], 99.9);
    expect(points).toHaveLength(3);
    expect(points.every((p) => p.remainingPercent === null && p.remainingCalls === null)).toBe(true);
  });

  it("a 100 % target has no budget: untouched while perfect, undefined once a call fails", () => {
    const points = burnDown(start, start + 2 * DAY_MS, [{ good: 10, total: 10 }, { good: 9, total: 10 }], 100);
    expect(points.map((p) => p.remainingPercent)).toEqual([100, 100, null]);
    expect(points.map((p) => p.remainingCalls)).toEqual([0, 0, -1]);
  });
});
