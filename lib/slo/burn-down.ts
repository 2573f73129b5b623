// Error-budget burn-down (pure): how much of the window's error budget is left at the end of each day
// of the SLO window. The budget is the bad calls the target allows over the whole window's traffic,
// so the last point is the headline "budget remaining" and the line only falls when bad calls land.
import { errorBudgetFraction, type Counts } from "./burn-rate";

export interface BurnDownPoint {
  /** End of the day (ISO-8601); the first point is the window's start, with the whole budget. */
  t: string;
  /** Share of the window's budget left (negative once overspent); null without traffic or with no budget to spend. */
  remainingPercent: number | null;
  /** Bad calls still tolerated (negative once overspent); null without traffic. */
  remainingCalls: number | null;
}

export const DAY_MS = 86_400_000;

/**
 * `days[i]` are the counts of the i-th day after `windowStartMs` (the last may be shorter: it ends
 * now, at `endMs`). Answers one point at the start and one at the end of every day.
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
    points.push(point(Math.min(windowStartMs + (i + 1) * DAY_MS, endMs), bad));
  });
  return points;
}
