import { describe, expect, it } from "vitest";
import { zoneClock } from "@/lib/format/time";
import { chartPoints, formatMs, timeLabel, timeTicks } from "./latency-data";

const T0 = Date.UTC(2026, 10, 28, 10);
const point = (minute: number, count: number, errors: number, p99: number | null, retries = { attempts: count, logicalCalls: count, maxAttempts: count ? 1 : 0, throttled: 0 }) => ({
  t: new Date(T0 + minute * 60_000).toISOString(),
  count,
  errors,
  p50: p99 === null ? null : p99 / 2,
  p95: p99,
  p99,
  ...retries,
});

describe("chart points", () => {
  it("turns counts per step into calls per minute and an error rate", () => {
    const [a, b] = chartPoints([point(0, 600, 3, 80), point(5, 0, 0, null)], 300_000);
    expect(a).toMatchObject({ x: T0, callsPerMinute: 120, errorRatePercent: 0.5 });
    expect(b).toMatchObject({ callsPerMinute: 0, errorRatePercent: null });
    expect(a).not.toHaveProperty("previousP99");
  });

  it("gives retry amplification and the throttled share per step, null without calls", () => {
    const [a, b, c] = chartPoints(
      [point(0, 300, 30, 80, { attempts: 300, logicalCalls: 120, maxAttempts: 4, throttled: 6 }), point(5, 0, 0, null), point(10, 40, 0, 50, { attempts: 0, logicalCalls: 0, maxAttempts: 0, throttled: 0 })],
      300_000,
    );
    expect(a).toMatchObject({ amplification: 2.5, throttledPercent: 2, errorRatePercent: 10 });
    expect(b).toMatchObject({ amplification: null, throttledPercent: null });
    // Only the server side observed: no logical calls to divide by, and nothing throttled of 40.
    expect(c).toMatchObject({ amplification: null, throttledPercent: 0 });
  });

  it.each([
    // [minutes of the 5-minute step elapsed, calls so far, calls per minute]
    [2, 240, 120],
    [0.25, 30, 30], // under a minute: counted over a minute, not blown up into 120
    [5, 600, 120],
  ])("draws a step still filling (%s min in, %s calls) at its rate so far, %s/min, and without percentiles", (minutes, count, perMinute) => {
    const [complete, partial] = chartPoints([point(0, 600, 0, 80), { ...point(5, count, 0, 300), partialMs: minutes * 60_000 }], 300_000);
    expect(complete).toMatchObject({ callsPerMinute: 120, p99: 80 });
    expect(partial).toMatchObject({ callsPerMinute: perMinute, p50: null, p95: null, p99: null, partialMs: minutes * 60_000 });
  });

  it("moves the previous period's p99 forward by the shift, null where it had no calls", () => {
    const hour = 3_600_000;
    const previous = [point(-60, 10, 0, 90), point(-55, 0, 0, null)];
    const points = chartPoints([point(0, 10, 0, 100), point(5, 10, 0, 110), point(10, 10, 0, 120)], 300_000, { series: previous, shiftMs: hour });
    expect(points.map((p) => p.previousP99)).toEqual([90, null, null]);
  });
});

describe("labels", () => {
  it.each([
    [0.42, "0.42 ms"],
    [12.345, "12.3 ms"],
    [250, "250 ms"],
    [1254, "1.25 s"],
  ])("formats %s ms as %s", (ms, text) => {
    expect(formatMs(ms)).toBe(text);
  });

  it("labels times by the span of the range", () => {
    expect(timeLabel(T0, 3_600_000)).toBe("10:00");
    expect(timeLabel(T0, 7 * 86_400_000)).toBe("11-28 10:00");
    expect(timeLabel(T0, 90 * 86_400_000)).toBe("2026-11-28");
  });

  it("labels times on the chosen zone's clock", () => {
    expect(timeLabel(T0, 3_600_000, "Asia/Kolkata")).toBe("15:30");
    expect(timeLabel(T0, 7 * 86_400_000, "America/New_York")).toBe("11-28 05:00");
    expect(timeLabel(Date.parse("2026-11-28T20:00:00Z"), 90 * 86_400_000, "Asia/Tokyo")).toBe("2026-11-29");
  });
});

describe("timeTicks", () => {
  const at = (iso: string) => Date.parse(iso);
  const labels = (ticks: number[]) => ticks.map((t) => new Date(t).toISOString().slice(11, 16));

  it("puts at most eight ticks on whole UTC steps, whatever minute the range starts at", () => {
    // 6 h from 07:10: hourly ticks, not the odd minutes where exemplars happen to lie.
    expect(labels(timeTicks([at("2026-12-04T07:10:00Z"), at("2026-12-04T13:10:00Z")]))).toEqual(["08:00", "09:00", "10:00", "11:00", "12:00", "13:00"]);
    // 1 h from 12:07: every 10 minutes.
    expect(labels(timeTicks([at("2026-12-04T12:07:00Z"), at("2026-12-04T13:07:00Z")]))).toEqual(["12:10", "12:20", "12:30", "12:40", "12:50", "13:00"]);
    // 7 days: a day apart, at midnight UTC.
    const week = timeTicks([at("2026-11-27T13:00:00Z"), at("2026-12-04T13:00:00Z")]);
    expect(week.map((t) => new Date(t).toISOString().slice(0, 16))).toEqual(["2026-11-28T00:00", "2026-11-29T00:00", "2026-11-30T00:00", "2026-12-01T00:00", "2026-12-02T00:00", "2026-12-03T00:00", "2026-12-04T00:00"]);
  });

  it("puts ticks on whole steps of the zone's clock, not of UTC's", () => {
    const kolkata = timeTicks([at("2026-12-04T07:10:00Z"), at("2026-12-04T13:10:00Z")], 8, "Asia/Kolkata");
    // Hourly at :00 in Kolkata is :30 in UTC.
    expect(labels(kolkata)).toEqual(["07:30", "08:30", "09:30", "10:30", "11:30", "12:30"]);
    expect(kolkata.map((t) => timeLabel(t, 6 * 3_600_000, "Asia/Kolkata"))).toEqual(["13:00", "14:00", "15:00", "16:00", "17:00", "18:00"]);
    // A week: midnight in New York, 05:00 UTC in winter.
    const week = timeTicks([at("2026-11-27T13:00:00Z"), at("2026-12-04T13:00:00Z")], 8, "America/New_York");
    expect(week.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(Array(7).fill("05:00"));
  });

  it("stays on the zone's whole hours across a change of its offset", () => {
    const wall = (t: number, zone: string) => zoneClock(t, zone).wall.slice(11, 16);
    // New York leaves summer time on 1 November 2026 (02:00 EDT → 01:00 EST): three days, every 12 h.
    const ny = timeTicks([at("2026-10-31T03:00:00Z"), at("2026-11-03T03:00:00Z")], 8, "America/New_York");
    expect(ny.map((t) => wall(t, "America/New_York"))).toEqual(["00:00", "12:00", "00:00", "12:00", "00:00", "12:00"]);
    expect(ny.map((t) => new Date(t).toISOString().slice(0, 16))).toEqual([
      "2026-10-31T04:00", "2026-10-31T16:00", "2026-11-01T04:00", "2026-11-01T17:00", "2026-11-02T05:00", "2026-11-02T17:00",
    ]);
    // Berlin enters summer time on 29 March 2026, 02:00 → 03:00: hourly ticks skip the hour that does not exist, none twice.
    const berlin = timeTicks([at("2026-03-28T23:30:00Z"), at("2026-03-29T04:30:00Z")], 8, "Europe/Berlin");
    expect(berlin.map((t) => wall(t, "Europe/Berlin"))).toEqual(["01:00", "03:00", "04:00", "05:00", "06:00"]);
    expect(new Set(berlin).size).toBe(berlin.length);
  });

  it("keeps long ranges to whole days and an empty range to no ticks", () => {
    const ticks = timeTicks([at("2026-09-05T00:00:00Z"), at("2026-12-04T00:00:00Z")]);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.every((t) => t % 86_400_000 === 0)).toBe(true);
    expect(timeTicks([5, 5])).toEqual([]);
  });
});
