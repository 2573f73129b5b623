import { describe, expect, it } from "vitest";
import { alertState, budget, burnRate, BURN_WINDOWS, type BurnWindow } from "./burn-rate";

const rates = (over: Partial<Record<BurnWindow, number>>) => Object.fromEntries(BURN_WINDOWS.map((w) => [w, over[w] ?? 0])) as Record<BurnWindow, number>;

describe("budget and burn (hand-worked)", () => {
  it("99.9 % over 1,000,000 calls allows 1,000 bad ones", () => {
    // 400 bad: compliance 99.96 %, 600 bad calls left = 60 % of the budget.
    const b = budget({ good: 999_600, total: 1_000_000 }, 99.9);
    expect(b.compliancePercent).toBeCloseTo(99.96, 10);
    expect(b.remainingCalls).toBeCloseTo(600, 6);
    expect(b.remainingPercent).toBeCloseTo(60, 6);
  });
  it("overspending goes negative; no traffic is no answer, not a perfect score", () => {
    expect(budget({ good: 997_000, total: 1_000_000 }, 99.9)).toMatchObject({ remainingCalls: expect.closeTo(-2000, 6), remainingPercent: expect.closeTo(-200, 6) });
    expect(budget({ good: 0, total: 0 }, 99.9)).toEqual({ compliancePercent: null, remainingPercent: null, remainingCalls: null });
  });
  it.each([
    [{ good: 999, total: 1000 }, 99.9, 1],
    [{ good: 9856, total: 10_000 }, 99.9, 14.4],
    [{ good: 94, total: 100 }, 99, 6],
    [{ good: 100, total: 100 }, 99.9, 0],
    [{ good: 0, total: 0 }, 99.9, 0],
  ])("burn rate of %j at %s %% is %s", (c, target, expected) => {
    expect(burnRate(c, target)).toBeCloseTo(expected, 9);
  });
});

describe("multi-window alert state", () => {
  it("pages on 1h and 5m ≥ 14.4 for a 30-day window, and needs both", () => {
    expect(alertState(rates({ "1h": 15, "5m": 20 }), 30)).toMatchObject({ state: "page", reason: "1h and 5m burn ≥ 14.4" });
    expect(alertState(rates({ "1h": 15, "5m": 2 }), 30).state).toBe("ok");
    expect(alertState(rates({ "6h": 6, "30m": 6 }), 30)).toMatchObject({ state: "page", reason: "6h and 30m burn ≥ 6" });
  });
  it("tickets on slower burns", () => {
    expect(alertState(rates({ "1d": 3.1, "2h": 4 }), 30)).toMatchObject({ state: "ticket", reason: "1d and 2h burn ≥ 3" });
    expect(alertState(rates({ "3d": 1.2, "6h": 1.5 }), 30)).toMatchObject({ state: "ticket", reason: "3d and 6h burn ≥ 1" });
    expect(alertState(rates({ "3d": 0.9, "6h": 5 }), 30).state).toBe("ok");
  });
  it("scales the factors with the SLO window (28 days: 14.4 × 28/30 = 13.44)", () => {
    const a = alertState(rates({ "1h": 13.5, "5m": 13.5 }), 28);
    expect(a).toMatchObject({ state: "page", reason: "1h and 5m burn ≥ 13.44" });
    expect(a.thresholds.map((t) => t.factor)).toEqual([13.44, 5.6, 2.8, 0.933]);
    expect(alertState(rates({ "1h": 13.5, "5m": 13.5 }), 30).state).toBe("ok");
  });
});
