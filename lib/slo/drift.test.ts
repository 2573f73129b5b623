import { describe, expect, it } from "vitest";
import { assessDrift, pageHinkley, theilSen, type DailyP99 } from "./drift";

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
const gaussian = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
/** Daily p99 around `baseMs` with ±`noise` log-normal day-to-day noise; `step` multiplies from `stepDay` on. */
function series(seed: number, days: number, baseMs: number, noise: number, step = 1, stepDay = Infinity): DailyP99[] {
  const r = rng(seed);
  return Array.from({ length: days }, (_, day) => ({ day, p99Ms: baseMs * (day >= stepDay ? step : 1) * Math.exp(noise * gaussian(r)) }));
}

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
      const cp = pageHinkley(series(seed, 40, 120, 0.05, 1.3, 20));
      if (cp && cp.detectedDay >= 20 && cp.detectedDay <= 25) {
        flagged += 1;
        delays.push(cp.detectedDay - 20);
      }
    }
    expect(flagged / RUNS).toBeGreaterThanOrEqual(0.95);
    expect(Math.max(...delays)).toBeLessThanOrEqual(5);
    // And it dates the start of the shift: within two days of the true day 20.
    const cp = pageHinkley(series(7, 40, 120, 0.05, 1.3, 20))!;
    expect(Math.abs(cp.sinceDay - 20)).toBeLessThanOrEqual(2);
  });
  it("raises a false alarm on fewer than 5 % of stationary noisy series (40 days)", () => {
    let alarms = 0;
    for (let seed = 1001; seed <= 1000 + RUNS; seed++) if (pageHinkley(series(seed, 40, 120, 0.05))) alarms += 1;
    expect(alarms / RUNS).toBeLessThan(0.05);
  });
});
