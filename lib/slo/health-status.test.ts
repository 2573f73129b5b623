import { describe, expect, it } from "vitest";
import { allowedErrors, classifyHealth, type HealthInput, type HealthStatus } from "./health-status";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Healthy traffic against a 100 ms p99 budget and a 99.9 % SLO; each case changes one thing. */
const base: HealthInput = {
  nowMs: NOW,
  lastSeenMs: NOW - 60_000,
  silentAfterMs: 24 * HOUR,
  budgetP99Ms: 100,
  successTargetPercent: 99.9,
  calls24h: 1000,
  p99Ms24h: 50,
  windowCalls: 100_000,
  windowErrors: 0,
  alerts: ["ok", "ok"],
  projectedBreachMs: null,
};

describe("integration health status", () => {
  it.each<[string, Partial<HealthInput>, HealthStatus]>([
    ["healthy", {}, "ok"],
    // No data and silence
    ["never any calls", { lastSeenMs: null, calls24h: 0, p99Ms24h: null, windowCalls: 0 }, "no-data"],
    ["never any calls wins over everything", { lastSeenMs: null, alerts: ["page", "ok"], p99Ms24h: 500 }, "no-data"],
    ["last call exactly at the silence cutoff is not silent", { lastSeenMs: NOW - 24 * HOUR }, "ok"],
    ["last call a millisecond before the cutoff is silent", { lastSeenMs: NOW - 24 * HOUR - 1, calls24h: 0, p99Ms24h: null }, "silent"],
    ["silent wins over an exhausted budget", { lastSeenMs: NOW - 2 * DAY, calls24h: 0, p99Ms24h: null, windowErrors: 5000 }, "silent"],
    // The 24 h p99 against the budget
    ["p99 exactly at the budget is at risk, not breaching", { p99Ms24h: 100 }, "warning"],
    ["p99 just over the budget breaches", { p99Ms24h: 100.001 }, "breaching"],
    ["p99 at 90 % of the budget is at risk", { p99Ms24h: 90 }, "warning"],
    ["p99 just under 90 % of the budget is ok", { p99Ms24h: 89.999 }, "ok"],
    ["p99 over budget on 99 calls is not trusted", { p99Ms24h: 500, calls24h: 99 }, "ok"],
    ["p99 over budget on exactly 100 calls breaches", { p99Ms24h: 500, calls24h: 100 }, "breaching"],
    ["p99 near budget on 99 calls is not trusted", { p99Ms24h: 95, calls24h: 99 }, "ok"],
    // The availability error budget: 99.9 % of 100,000 calls allows 100 errors
    ["errors equal to the allowance: budget spent exactly, at risk", { windowErrors: 100 }, "warning"],
    ["one error over the allowance breaches", { windowErrors: 101 }, "breaching"],
    ["10 % of the budget left (90 errors) is ok", { windowErrors: 90 }, "ok"],
    ["under 10 % of the budget left (91 errors) is at risk", { windowErrors: 91 }, "warning"],
    ["a 100 % target allows no error at all", { successTargetPercent: 100, windowErrors: 1 }, "breaching"],
    ["a 100 % target with no errors is ok", { successTargetPercent: 100, windowErrors: 0 }, "ok"],
    // Burn-rate alerts
    ["a page alert on either SLO breaches", { alerts: ["ok", "page"] }, "breaching"],
    ["a ticket alert is at risk", { alerts: ["ticket", "ok"] }, "warning"],
    ["page wins over ticket", { alerts: ["ticket", "page"] }, "breaching"],
    // Drift projection
    ["projected breach in exactly 14 days is at risk", { projectedBreachMs: NOW + 14 * DAY }, "warning"],
    ["projected breach in 14 days and a millisecond is ok", { projectedBreachMs: NOW + 14 * DAY + 1 }, "ok"],
    ["no projection is ok", { projectedBreachMs: undefined }, "ok"],
  ])("%s", (_name, change, expected) => {
    expect(classifyHealth({ ...base, ...change }).status).toBe(expected);
  });

  it("says why, breaching reasons first", () => {
    const h = classifyHealth({ ...base, p99Ms24h: 120, alerts: ["ticket", "ok"] });
    expect(h).toEqual({ status: "breaching", reasons: ["p99 120 ms over the 100 ms budget (24 h)", "Burn-rate alert: ticket"] });
    expect(classifyHealth({ ...base, windowErrors: 101 }).reasons).toEqual(["Error budget exhausted: 101 errors, 100 allowed"]);
    expect(classifyHealth(base).reasons).toEqual([]);
  });

  it("rounds the allowance as the policy rule does (100 − 99.9 is not exactly 0.1 in floating point)", () => {
    expect(allowedErrors(1000, 99.9)).toBe(1);
    expect(allowedErrors(0, 99.9)).toBe(0);
    expect(allowedErrors(12_345, 99)).toBe(123.45);
  });
});
