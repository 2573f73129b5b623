import { describe, expect, it } from "vitest";
import { formatDuration, formatDurationExact } from "./duration";

describe("formatDuration (measured: three significant figures)", () => {
  it.each([
    [null, "—"],
    [undefined, "—"],
    [Number.NaN, "—"],
    [0, "0 ms"],
    [0.42, "0.42 ms"],
    [0.0456, "0.046 ms"],
    [1, "1 ms"],
    [12.345, "12.3 ms"],
    [180.4, "180 ms"],
    [250, "250 ms"],
    [999.4, "999 ms"],
    [999.7, "1 s"],
    [1000, "1 s"],
    [1254, "1.25 s"],
    [10_000, "10 s"],
    [59_990, "1 min"],
    [60_000, "1 min"],
    [90_000, "1.5 min"],
    [3_600_000, "1 h"],
    [86_400_000, "24 h"],
    [-1500, "-1.5 s"],
  ])("writes %s ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("formatDurationExact (declared: never rounded)", () => {
  it.each([
    [null, "—"],
    [0, "0 ms"],
    [0.5, "0.5 ms"],
    [250, "250 ms"],
    [999, "999 ms"],
    [1000, "1 s"],
    [1001, "1.001 s"],
    [1270, "1.27 s"],
    [10_000, "10 s"],
    [60_000, "1 min"],
    [90_000, "1.5 min"],
    [90_500, "90.5 s"],
    [3_600_000, "1 h"],
    [5_400_000, "1.5 h"],
    [86_400_000, "24 h"],
    [-1, "-1 ms"],
  ])("writes %s ms as %s", (ms, text) => {
    expect(formatDurationExact(ms)).toBe(text);
  });
});
