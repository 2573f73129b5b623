// Error-budget burn-down (pure): how much of the window's error budget is left at the end of each UTC
// day of the SLO window. The budget is the bad calls the target allows over the whole window's traffic,
// so the last point is the headline "budget remaining" and the line only falls when bad calls land.
import { errorBudgetFraction, type Counts } from "./burn-rate";

export interface BurnDownPoint {
  /** End of the UTC day (ISO-8601, midnight); the first point is the window's start, with the whole budget, and the last is now. */
  t: string;
  /** Share of the window's budget left (negative once overspent); null without traffic or with no budget to spend. */
  remainingPercent: number | null;
  /** Bad calls still tolerated (negative once overspent); null without traffic. */
  remainingCalls: number | null;
}

export const DAY_MS = 86_400_000;

const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** How many UTC days [fromMs, toMs) touches: the ragged first day, the whole ones, and the one that ends at `toMs`. */
export const utcDaysIn = (fromMs: number, toMs: number) => Math.max(1, Math.ceil((toMs - floorDay(fromMs)) / DAY_MS));

/** The UTC day of `ms` counted from the one holding `fromMs` (the index into burnDown's `days`). */
export const utcDayIndex = (fromMs: number, ms: number) => Math.floor((ms - floorDay(fromMs)) / DAY_MS);

/**
 * `days[i]` are the counts of the i-th UTC day from the one holding `windowStartMs` (the first starts
 * at the window's start, the last ends now, at `endMs`). Answers one point at the start and one at the
 * end of every day: at each midnight, and now.
 */
export function burnDown(windowStartMs: number, endMs: number, days: Counts[], targetPercent: number): BurnDownPoint[] {
  const total = days.reduce((n, d) => n + d.total, 0);
  const allowed = errorBudgetFraction(targetPercent) * total;
  const point = (t: number, bad: number): BurnDownPoint => ({
    t: new Date(t).toISOString(),
    remainingPercent: total === 0 || allowed <= 0 ? (total > 0 && bad === 0 ? 100 : null) : ((allowed - bad) / allowed) * 100,
    remainingCalls: total === 0 ? null : allowed - bad,
  });
  const points = [point(windowStartMs, 0)];
  let bad = 0;
  days.forEach((d, i) => {
    bad += d.total - d.good;
    points.push(point(Math.min(floorDay(windowStartMs) + (i + 1) * DAY_MS, endMs), bad));
  });
  return points;
}
