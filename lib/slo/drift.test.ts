import { describe, expect, it } from "vitest";
import { assessDrift, detectShift, HOLD_DAYS, pageHinkley, PERSIST_DAYS, theilSen } from "./drift";
import { incidentSeries, rampSeries, stepSeries } from "./drift-synthetic";

const series = stepSeries;

describe("Theil–Sen", () => {
  it("recovers an exact line and ignores a few wild outliers", () => {
    const line = Array.from({ length: 20 }, (_, x) => ({ x, y: 2 + 0.5 * x }));
    expect(theilSen(line)).toEqual({ slope: 0.5, intercept: 2 });
    const spoiled = line.map((p, i) => (i % 7 === 3 ? { x: p.x, y: 100 } : p));
    expect(theilSen(spoiled)!.slope).toBeCloseTo(0.5, 9);
    expect(theilSen([{ x: 1, y: 1 }])).toBeNull();
  });
});

describe("drift assessment", () => {
  it("projects the breach of a p99 creeping 2 %/day toward its budget", () => {
    const creeping = Array.from({ length: 30 }, (_, day) => ({ day, p99Ms: 100 * 1.02 ** day }));
    const a = assessDrift(creeping, 250);
    expect(a.trendPerDay).toBeCloseTo(0.02, 9);
    // 100 × 1.02^29 = 177.6 ms today; 250 is reached after log(250/177.6)/log(1.02) = 17.3 more days.
    expect(a.daysToBreach).toBeCloseTo(Math.log(250 / (100 * 1.02 ** 29)) / Math.log(1.02), 6);
    expect(assessDrift(creeping.map((p) => ({ ...p, p99Ms: 100 })), 250)).toMatchObject({ trendPerDay: 0, daysToBreach: null });
    expect(assessDrift([{ day: 0, p99Ms: 300 }, { day: 1, p99Ms: 300 }], 250).daysToBreach).toBe(0);
  });
});

describe("change-point detection quality on synthetic series with a known truth", () => {
  const RUNS = 200;
  it("flags a +30 % step within 5 days in at least 95 % of noisy series (±5 % daily noise)", () => {
    let flagged = 0;
    const delays: number[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const cp = detectShift(series(seed, 40, 120, 0.05, 1.3, 20)).changePoint;
      if (cp && cp.detectedDay >= 20 && cp.detectedDay <= 25) {
        flagged += 1;
        delays.push(cp.detectedDay - 20);
      }
    }
    expect(flagged / RUNS).toBeGreaterThanOrEqual(0.95);
    expect(Math.max(...delays)).toBeLessThanOrEqual(5);
    // And it dates the start of the shift: within two days of the true day 20.
    const cp = detectShift(series(7, 40, 120, 0.05, 1.3, 20)).changePoint!;
    expect(Math.abs(cp.sinceDay - 20)).toBeLessThanOrEqual(2);
  });
  it("raises a false alarm on fewer than 5 % of stationary noisy series (40 days)", () => {
    let alarms = 0;
    for (let seed = 1001; seed <= 1000 + RUNS; seed++) if (detectShift(series(seed, 40, 120, 0.05)).changePoint) alarms += 1;
    expect(alarms / RUNS).toBeLessThan(0.05);
  });
});

// Incident-shaped series: calls every hour, a day's p99 the exact p99 of its calls. An incident of
// 1, 3 or 6 hours at 5× latency is more than 1 % of a day's calls, so that day's p99 is the incident's.
describe("incidents are not drift", () => {
  const DAYS = 35;
  const spike = (seed: number, day: number, hourOfDay: number, hours: number, factor = 5) =>
    incidentSeries(seed, { days: DAYS, incidents: [{ startHour: day * 24 + hourOfDay, hours, factor }] });

  /**
   * Over 20 seeds: detectShift never reports a change point; how many seeds Page–Hinkley alone
   * flagged, and how many of them detectShift dated as an episode covering the incident.
   */
  function incidentOutcome(make: (seed: number) => ReturnType<typeof spike>, first: number, last: number) {
    let fooled = 0;
    let dated = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const s = make(seed);
      if (pageHinkley(s)) fooled += 1;
      const shift = detectShift(s);
      expect(shift.changePoint).toBeNull();
      if (shift.episodes.some((e) => e.sinceDay >= first - 1 && e.sinceDay <= last && e.untilDay >= first && e.untilDay <= last + 1)) dated += 1;
    }
    return { fooled, dated };
  }

  it.each([1, 3, 6])("a %i-hour spike that returns to baseline is not a change point (Page–Hinkley alone is fooled)", (hours) => {
    const { fooled, dated } = incidentOutcome((seed) => spike(seed, 25, 10, hours), 25, 25);
    expect(fooled).toBeGreaterThanOrEqual(12);
    expect(dated).toBeGreaterThanOrEqual(12);
  });

  it("a 6-hour spike across midnight (two days' p99) is not one either", () => {
    const { fooled, dated } = incidentOutcome((seed) => spike(seed, 20, 21, 6), 20, 21);
    expect(fooled).toBeGreaterThanOrEqual(12);
    expect(dated).toBeGreaterThanOrEqual(12);
  });

  it("a spike younger than the persistence is neither a change point nor an episode yet", () => {
    const s = spike(3, DAYS - 2, 10, 3);
    expect(pageHinkley(s)).not.toBeNull();
    expect(detectShift(s)).toEqual({ changePoint: null, episodes: [] });
  });

  it("a real +40 % step is confirmed after the persistence, dated to its start, and still is after a spike", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const step = incidentSeries(seed, { days: DAYS, incidents: [{ startHour: 22 * 24, hours: 13 * 24, factor: 1.4 }] });
      const cp = detectShift(step).changePoint!;
      expect(Math.abs(cp.sinceDay - 22)).toBeLessThanOrEqual(2);
      expect(cp.detectedDay).toBeGreaterThanOrEqual(cp.sinceDay + PERSIST_DAYS - 1);
      expect(cp.detectedDay).toBeLessThanOrEqual(22 + PERSIST_DAYS + 1);
      // An incident on day 16, then the same step: the step is still found and dated to its own start.
      const both = incidentSeries(seed, { days: DAYS, incidents: [{ startHour: 16 * 24 + 9, hours: 3, factor: 5 }, { startHour: 22 * 24, hours: 13 * 24, factor: 1.4 }] });
      const shift = detectShift(both);
      expect(Math.abs(shift.changePoint!.sinceDay - 22)).toBeLessThanOrEqual(2);
      expect(shift.changePoint!.detectedDay).toBeLessThanOrEqual(22 + PERSIST_DAYS + 1);
    }
  });

  it("a step that later goes back to baseline ends as an episode once the latest days are back", () => {
    const s = incidentSeries(5, { days: DAYS, incidents: [{ startHour: 18 * 24, hours: 8 * 24, factor: 1.5 }] });
    expect(detectShift(s.slice(0, 26)).changePoint).toMatchObject({ sinceDay: 18 });
    const shift = detectShift(s);
    expect(shift.changePoint).toBeNull();
    expect(shift.episodes).toEqual([{ sinceDay: 18, untilDay: 25 }]);
    // It ends on the day the median of the latest days drops back, not before.
    expect(detectShift(s.slice(0, 26 + HOLD_DAYS - 2)).changePoint).not.toBeNull();
  });

  it("a slow ramp (+1.5 %/day from day 14) is drift", () => {
    let flagged = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const cp = detectShift(rampSeries(seed, 40, 120, 0.05, 0.015, 14)).changePoint;
      if (cp && cp.sinceDay >= 14) flagged += 1;
    }
    expect(flagged / 50).toBeGreaterThanOrEqual(0.9);
  });

  it("a noisy baseline (±15 % a day) with incidents raises no change point", () => {
    let alarms = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const incidents = [{ startHour: (15 + (seed % 17)) * 24 + (seed % 24), hours: 1 + (seed % 6), factor: 3 + (seed % 4) }];
      if (detectShift(incidentSeries(seed, { days: DAYS, dayNoise: 0.15, incidents })).changePoint) alarms += 1;
    }
    expect(alarms / 100).toBeLessThan(0.05);
  });
});
