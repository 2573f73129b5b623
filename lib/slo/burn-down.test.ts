import { describe, expect, it } from "vitest";
import { burnDown, DAY_MS, utcDayIndex, utcDaysIn } from "./burn-down";

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

describe("burn-down over a window that starts mid-day", () => {
  it("has a point at the window's start, at each UTC midnight, and now", () => {
    const from = start + 6 * 3_600_000;
    const now = from + 2 * DAY_MS;
    // 06:00 on day 0 to 06:00 on day 2 touches three UTC days: their ends are the two midnights and now.
    const points = burnDown(from, now, [{ good: 10, total: 10 }, { good: 10, total: 10 }, { good: 9, total: 10 }], 50);
    expect(points.map((p) => p.t)).toEqual([from, start + DAY_MS, start + 2 * DAY_MS, now].map((t) => new Date(t).toISOString()));
    // 30 calls at 50 %: 15 bad calls allowed, one spent on the last day.
    expect(points.map((p) => p.remainingCalls)).toEqual([15, 15, 15, 14]);
  });

  it("counts the UTC days a window touches, and which of them a time falls in", () => {
    expect(utcDaysIn(start + 6 * 3_600_000, start + 2 * DAY_MS + 6 * 3_600_000)).toBe(3);
    expect(utcDaysIn(start, start + 2 * DAY_MS)).toBe(2);
    expect(utcDaysIn(start, start + 2 * DAY_MS + 1)).toBe(3);
    expect(utcDayIndex(start + 6 * 3_600_000, start + DAY_MS - 1)).toBe(0);
    expect(utcDayIndex(start + 6 * 3_600_000, start + DAY_MS)).toBe(1);
  });
});
