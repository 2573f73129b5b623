// Synthetic daily p99 series with a known truth, for the drift detector's tests and its quality bench
// (pure, seeded). Incident-shaped series are built from calls, not from daily figures: each hour has
// its calls, an incident multiplies the latency of the calls in its hours, and a day's p99 is the exact
// nearest-rank p99 of that day's calls — the way a spike of a few hours reaches the daily series.
import { gaussian, rng } from "@/lib/telemetry/seeded-random";
import type { DailyP99 } from "./drift";

/** Daily p99 around `baseMs` with `noise` (log σ) day-to-day noise; `step` multiplies from `stepDay` on. */
export function stepSeries(seed: number, days: number, baseMs: number, noise: number, step = 1, stepDay = Infinity): DailyP99[] {
  const r = rng(seed);
  return Array.from({ length: days }, (_, day) => ({ day, p99Ms: baseMs * (day >= stepDay ? step : 1) * Math.exp(noise * gaussian(r)) }));
}

/** Daily p99 that rises `ratePerDay` (0.015 = 1.5 %/day, compounding) from `fromDay` on. */
export function rampSeries(seed: number, days: number, baseMs: number, noise: number, ratePerDay: number, fromDay: number): DailyP99[] {
  const r = rng(seed);
  return Array.from({ length: days }, (_, day) => ({ day, p99Ms: baseMs * (1 + ratePerDay) ** Math.max(0, day - fromDay) * Math.exp(noise * gaussian(r)) }));
}

export interface Incident {
  /** Hour since the series started (day × 24 + hour of day). */
  startHour: number;
  hours: number;
  /** Latency multiplier of every call inside the incident. */
  factor: number;
}

/**
 * `days` of calls, `callsPerHour` each hour, each call log-normal around `medianMs` (log σ `callSigma`),
 * each day scaled by `dayNoise` (log σ) and calls inside an incident multiplied by its factor.
 */
export function incidentSeries(
  seed: number,
  options: { days: number; medianMs?: number; callSigma?: number; dayNoise?: number; callsPerHour?: number; incidents: Incident[] },
): DailyP99[] {
  const { days, incidents } = options;
  const medianMs = options.medianMs ?? 40;
  const callSigma = options.callSigma ?? 0.5;
  const dayNoise = options.dayNoise ?? 0.05;
  const perHour = options.callsPerHour ?? 60;
  const r = rng(seed);
  const out: DailyP99[] = [];
  for (let day = 0; day < days; day++) {
    const dayFactor = Math.exp(dayNoise * gaussian(r));
    const calls: number[] = [];
    for (let h = 0; h < 24; h++) {
      const hour = day * 24 + h;
      const factor = incidents.reduce((f, i) => (hour >= i.startHour && hour < i.startHour + i.hours ? f * i.factor : f), 1);
      for (let c = 0; c < perHour; c++) calls.push(medianMs * dayFactor * factor * Math.exp(callSigma * gaussian(r)));
    }
    calls.sort((a, b) => a - b);
    out.push({ day, p99Ms: calls[Math.ceil(0.99 * calls.length) - 1]! });
  }
  return out;
}
