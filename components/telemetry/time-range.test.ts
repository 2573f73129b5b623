import { describe, expect, it } from "vitest";
import { parseRange, previousShiftMs, rangeParams, resolveRange, stepFor, validateCustom } from "./time-range";

const now = Date.UTC(2026, 10, 28, 12);
const H = 3_600_000;
const D = 86_400_000;
const params = (q: string) => new URLSearchParams(q);

describe("time range", () => {
  it.each([
    ["range=1h", { kind: "preset", preset: "1h" }],
    ["range=90d", { kind: "preset", preset: "90d" }],
    ["", { kind: "preset", preset: "6h" }],
    ["range=2w", { kind: "preset", preset: "6h" }],
    ["range=custom&from=2026-11-27T00:00:00Z&to=2026-11-28T00:00:00Z", { kind: "custom", fromMs: Date.UTC(2026, 10, 27), toMs: Date.UTC(2026, 10, 28) }],
    // An invalid custom range in a shared link falls back rather than failing the page.
    ["range=custom&from=2026-11-28T00:00:00Z&to=2026-11-27T00:00:00Z", { kind: "preset", preset: "6h" }],
    ["range=custom&from=nonsense&to=2026-11-27T00:00:00Z", { kind: "preset", preset: "6h" }],
  ])("reads %j from the URL", (q, expected) => {
    expect(parseRange(params(q), now)).toEqual(expected);
  });

  it("writes a custom range as ISO dates and clears them for a preset", () => {
    expect(rangeParams({ kind: "custom", fromMs: Date.UTC(2026, 10, 27), toMs: Date.UTC(2026, 10, 28) })).toEqual({
      range: "custom",
      from: "2026-11-27T00:00:00.000Z",
      to: "2026-11-28T00:00:00.000Z",
    });
    expect(rangeParams({ kind: "preset", preset: "7d" })).toEqual({ range: "7d", from: null, to: null });
  });

  it.each([
    [now - H, now, "1m"], // 60 points
    [now - 4 * H, now, "5m"], // 240 one-minute points is too many; 48 five-minute ones
    [now - D, now, "15m"],
    [now - 7 * D, now, "1h"],
    [now - 20 * D, now - 19 * D, "1h"], // minutes are gone that far back: hours at the finest
    [now - 30 * D, now, "6h"],
    [now - 500 * D, now - 499 * D, "1d"], // only days that far back
  ])("steps %s → %s at %s", (from, to, step) => {
    expect(stepFor(from, to, now)).toBe(step);
  });

  it.each([
    [now - H, now, null],
    [now, now - H, "The start must be before the end"],
    [now - 60_000, now, "Choose a range of at least 5 minutes"],
    [now - H, now + H, "The end cannot be in the future"],
    [Number.NaN, now, "Enter a start date and time"],
  ])("validates a custom range %s–%s", (from, to, message) => {
    expect(validateCustom(from, to, now)).toBe(message);
  });

  it("presets end now and are live; custom ranges are fixed", () => {
    expect(resolveRange({ kind: "preset", preset: "24h" }, now)).toEqual({ fromMs: now - D, toMs: now, step: "15m", stepMs: 900_000, live: true });
    expect(resolveRange({ kind: "custom", fromMs: now - 2 * H, toMs: now - H }, now)).toMatchObject({ step: "1m", live: false });
  });

  it("shifts the previous period by whole steps", () => {
    expect(previousShiftMs(resolveRange({ kind: "preset", preset: "7d" }, now))).toBe(7 * D);
    // 100 minutes at 1m steps; 100.5 minutes rounds to 101 steps.
    expect(previousShiftMs({ fromMs: 0, toMs: 6_030_000, step: "1m", stepMs: 60_000, live: false })).toBe(6_060_000);
  });
});
