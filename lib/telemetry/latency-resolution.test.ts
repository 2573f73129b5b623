import { describe, expect, it } from "vitest";
import { coveringResolution, stepTier } from "./latency";

const H = 3_600_000;
describe("coveringResolution", () => {
  it.each([
    // kept, from, first minute, first hour, expected
    ["minute", 10 * H, 5 * H, 5 * H, "minute"], // minutes cover the range
    ["minute", 2 * H, 5 * H + 37 * 60_000, 5 * H, "minute"], // the hour is just the first minutes rolled up
    ["minute", 2 * H, 5 * H, 1 * H, "hour"], // a backfill: hours reach further back
    ["minute", 2 * H, 5 * H, null, "minute"],
    ["minute", 2 * H, null, 1 * H, "minute"],
    ["hour", 2 * H, 5 * H, 1 * H, "hour"],
    ["day", 2 * H, 5 * H, 1 * H, "day"],
  ] as const)("%s from %s (minutes from %s, hours from %s) → %s", (kept, from, minute, hour, expected) => {
    expect(coveringResolution(kept, from, minute, hour)).toBe(expected);
  });
});

describe("stepTier", () => {
  it.each([
    ["1m", 60_000, "minute"],
    ["7m", 7 * 60_000, "minute"],
    ["5m", 5 * 60_000, "five_minute"],
    ["15m", 15 * 60_000, "five_minute"],
    ["90m", 90 * 60_000, "five_minute"],
    ["1h", H, "hour"],
    ["6h", 6 * H, "hour"],
    ["1d", 24 * H, "day"],
    ["2d", 48 * H, "day"],
  ] as const)("a %s step reads the %s tier", (_name, stepMs, expected) => {
    expect(stepTier(stepMs)).toBe(expected);
  });
});
