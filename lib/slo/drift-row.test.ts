import { describe, expect, it } from "vitest";
import { annotateDrift, driftFigures, driftRange, MIN_TREND_DAYS, NEAR_CHANGE_DAYS, rankDrift, type DailyPoint } from "./drift-row";

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 25); // 2026-10-25; day 34 is 2026-11-28
const dayOf = (i: number) => new Date(START + i * DAY).toISOString().slice(0, 10);
const series = (days: number, p99: (i: number) => number | null): DailyPoint[] =>
  Array.from({ length: days }, (_, i) => ({ day: dayOf(i), p99Ms: p99(i), count: p99(i) === null ? 0 : 1000 }));
const figures = (daily: DailyPoint[], over: Partial<Parameters<typeof driftFigures>[0]> = {}) =>
  driftFigures({ budgetP99Ms: 250, baselineP99Ms: 150, recent7dP99Ms: 180, recent24hP99Ms: 190, daily, ...over });

describe("drift figures", () => {
  it("measures the change of the last 7 days against the baseline", () => {
    const f = figures(series(35, () => 100));
    expect(f.changeMs).toBe(30);
    expect(f.changePercent).toBe(20); // 30 / 150
    expect(figures(series(35, () => 100), { baselineP99Ms: null }).changePercent).toBeNull();
  });

  it("projects the first day a p99 creeping 2 %/day reaches its budget", () => {
    // Day 34 (2026-11-28) sits at 100 × 1.02^34 = 196.07 ms; 250 ms is ln(250 / 196.07) / ln(1.02) = 12.27
    // days later, so the first whole day at or over budget is 13 days on: 2026-12-11.
    const f = figures(series(35, (i) => 100 * 1.02 ** i));
    expect(f.slopePercentPerDay).toBeCloseTo(2, 3);
    expect(f.daysToBreach).toBeCloseTo(12.27, 2);
    expect(f.projectedBreachAt).toBe("2026-12-11");
    expect(f.overBudget).toBe(false);
  });

  it("places days by their date, so gaps do not bend the trend", () => {
    const f = figures(series(35, (i) => (i % 2 ? null : 100 * 1.02 ** i)));
    expect(f.slopePercentPerDay).toBeCloseTo(2, 3);
    expect(f.projectedBreachAt).toBe("2026-12-11"); // last point is day 34 again
  });

  it("projects nothing when flat, falling, already over budget, or with too few days", () => {
    expect(figures(series(35, () => 100))).toMatchObject({ slopePercentPerDay: 0, projectedBreachAt: null, daysToBreach: null });
    expect(figures(series(35, (i) => 200 * 0.99 ** i)).projectedBreachAt).toBeNull();
    expect(figures(series(35, (i) => 100 * 1.02 ** i), { recent24hP99Ms: 251 })).toMatchObject({ overBudget: true, projectedBreachAt: null });
    // Without a 24 h p99 the 7 d one decides.
    expect(figures(series(35, (i) => 100 * 1.02 ** i), { recent24hP99Ms: null, recent7dP99Ms: 260 }).overBudget).toBe(true);
    const short = figures(series(MIN_TREND_DAYS - 1, (i) => 100 * 1.02 ** i));
    expect(short).toMatchObject({ slopePercentPerDay: null, projectedBreachAt: null, driftingSince: null });
  });

  it("dates a +30 % step by the day it started", () => {
    // Warm-up days 0–13 at 100 ms: noise floor σ = 0.02, so δ = 0.02 and λ = 0.2 (log units). Days 14–19
    // each add −0.02 (minimum −0.12 on day 19); day 20 adds ln 1.3 − 0.02 = 0.242 and the excursion
    // 0.242 > 0.2 raises the alarm at once, dating the shift to day 20 = 2026-11-14. It is confirmed on
    // day 23, the fourth day since, when the median of days 21–23 (ln 1.3 = 0.262) is ≥ 3σ = 0.06 up.
    const f = figures(series(35, (i) => (i >= 20 ? 130 : 100)));
    expect(f).toMatchObject({ driftingSince: "2026-11-14", lastEpisode: null });
    expect(figures(series(35, () => 100)).driftingSince).toBeNull();
    // Day 22 is the third day since: not confirmed yet.
    expect(figures(series(23, (i) => (i >= 20 ? 130 : 100))).driftingSince).toBeNull();
    expect(figures(series(24, (i) => (i >= 20 ? 130 : 100))).driftingSince).toBe("2026-11-14");
  });

  it("reports an incident day as an ended episode, not as drifting", () => {
    // Day 25 (2026-11-19) at 4×, every other day 100 ms: Page–Hinkley alone alarms on day 25; on day 28
    // the median of days 26–28 is back at the baseline, so it is an episode of one day.
    const f = figures(series(35, (i) => (i === 25 ? 400 : 100)));
    expect(f).toMatchObject({ driftingSince: null, lastEpisode: { since: "2026-11-19", until: "2026-11-19" } });
  });
});

describe("annotations near the change", () => {
  const mark = (at: string, kind = "deploy") => ({ at, kind, title: `${kind} at ${at}`, link: null });
  const marks = [mark("2026-11-20T23:59:00Z"), mark("2026-11-12T10:00:00Z", "incident"), mark("2026-11-21T00:00:00Z", "decision"), mark("2026-11-27T00:00:00Z")];
  const near = (f: Parameters<typeof annotateDrift>[1]) => annotateDrift(marks, f).map((a) => `${a.day} ${a.nearChange}`);

  it(`marks those within ${NEAR_CHANGE_DAYS} days of the change point, by UTC day, oldest first`, () => {
    // Change on 11-23: 11-21 to 11-25 are near; 11-20 (even at 23:59) is three days before.
    expect(near({ driftingSince: "2026-11-23", lastEpisode: null })).toEqual(["2026-11-12 false", "2026-11-20 false", "2026-11-21 true", "2026-11-27 false"]);
  });
  it("else those around the latest ended episode, from 2 days before its start to 2 after its end", () => {
    expect(near({ driftingSince: null, lastEpisode: { since: "2026-11-14", until: "2026-11-25" } })).toEqual(["2026-11-12 true", "2026-11-20 true", "2026-11-21 true", "2026-11-27 true"]);
    expect(near({ driftingSince: null, lastEpisode: { since: "2026-11-29", until: "2026-11-29" } })).toEqual(["2026-11-12 false", "2026-11-20 false", "2026-11-21 false", "2026-11-27 true"]);
  });
  it("marks none without a change point or an episode", () => {
    expect(annotateDrift(marks, { driftingSince: null, lastEpisode: null }).some((a) => a.nearChange)).toBe(false);
  });
});

describe("drift ranking", () => {
  const row = (key: string, changePercent: number | null, daysToBreach: number | null = null, overBudget = false) => ({ key, changePercent, daysToBreach, overBudget });
  const rows = [row("a", 10, 40), row("b", 50), row("c", null), row("d", 50, 5), row("e", 5, null, true), row("f", 20, 12.5)];

  it("by drift: largest rise first, ties by key, no baseline last", () => {
    expect(rankDrift(rows, "drift").map((r) => r.key)).toEqual(["b", "d", "f", "a", "e", "c"]);
  });
  it("by time to breach: over budget, then soonest projected breach, then the rest by drift", () => {
    expect(rankDrift(rows, "breach").map((r) => r.key)).toEqual(["e", "d", "f", "a", "b", "c"]);
  });
  it("does not reorder its input", () => {
    rankDrift(rows, "drift");
    expect(rows.map((r) => r.key)).toEqual(["a", "b", "c", "d", "e", "f"]);
  });
});

describe("the board's settled days", () => {
  const HOUR = 3_600_000;
  const MARGIN = 2 * HOUR;
  const now = Date.UTC(2026, 10, 28, 12, 30);
  const today = Date.UTC(2026, 10, 28);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const range = (rolledUntil: number | null, at = now) => {
    const r = driftRange(at, rolledUntil, MARGIN);
    return { from: day(r.fromMs), recentFrom: day(r.recentFromMs), today: day(r.todayMs), settled: day(r.settledMs) };
  };

  it("spans 35 UTC days, the last 7 of them recent, today included", () => {
    expect(range(today + 12 * HOUR)).toEqual({ from: "2026-10-25", recentFrom: "2026-11-22", today: "2026-11-28", settled: "2026-11-28" });
  });

  it("settles a day only once every hour of it is past the roll-up's margin", () => {
    // Hours rolled to 02:00: the line is midnight, so yesterday is settled…
    expect(range(today + 2 * HOUR).settled).toBe("2026-11-28");
    // …but not a minute earlier: yesterday's last hours may still take late spans.
    expect(range(today + 2 * HOUR - 60_000).settled).toBe("2026-11-27");
    // A roll-up days behind (a server that was down) settles only what it has passed.
    expect(range(today - 3 * DAY + 5 * HOUR).settled).toBe("2026-11-25");
  });

  it("settles nothing without a roll-up, or one older than the 35 days, and never past today", () => {
    expect(range(null).settled).toBe("2026-10-25");
    expect(range(Date.UTC(2026, 0, 1)).settled).toBe("2026-10-25");
    // A rolled_until ahead of the clock (a clock stepped back) does not settle today.
    expect(range(today + 3 * DAY).settled).toBe("2026-11-28");
  });
});
