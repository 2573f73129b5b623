// Latency drift (pure): a robust trend of daily p99 (Theil–Sen on log latency), a change-point
// detector (Page–Hinkley on log latency), and when the p99 would cross its budget at the current slope.
// Log scale because latency changes multiply: +30 % is the same step at 20 ms and at 2 s.

export interface DailyP99 {
  /** Days since the series started (0, 1, 2, … with gaps allowed). */
  day: number;
  p99Ms: number;
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Theil–Sen: the median of all pairwise slopes — a few outlier days cannot tilt it. */
export function theilSen(points: { x: number; y: number }[]): { slope: number; intercept: number } | null {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j]!.x - points[i]!.x;
      if (dx !== 0) slopes.push((points[j]!.y - points[i]!.y) / dx);
    }
  }
  if (!slopes.length) return null;
  const slope = median(slopes);
  return { slope, intercept: median(points.map((p) => p.y - slope * p.x)) };
}

export interface ChangePoint {
  /** The day the upward shift is estimated to have started. */
  sinceDay: number;
  /** The day the detector became sure of it. */
  detectedDay: number;
}

/**
 * Page–Hinkley for an upward shift in the mean of log p99. `delta` is the drift tolerated per day
 * (log units; 0.05 ≈ 5 %), `lambda` the evidence needed to raise the alarm. The noise scale is
 * estimated robustly (MAD) from the first `warmup` days so thresholds mean the same at any latency.
 */
export function pageHinkley(series: DailyP99[], options: { delta?: number; lambda?: number; warmup?: number } = {}): ChangePoint | null {
  const warmup = options.warmup ?? 14;
  if (series.length <= warmup) return null;
  const logs = series.map((s) => Math.log(s.p99Ms));
  const base = logs.slice(0, warmup);
  const center = median(base);
  // A floor on the noise scale: a very quiet warm-up must not make every ripple an alarm.
  const sigma = Math.max(median(base.map((v) => Math.abs(v - center))) * 1.4826, 0.02);
  const delta = (options.delta ?? 1) * sigma;
  const lambda = (options.lambda ?? 10) * sigma;
  let cumulative = 0;
  let minimum = 0;
  let minimumAt = warmup - 1;
  for (let i = warmup; i < logs.length; i++) {
    cumulative += logs[i]! - center - delta;
    if (cumulative < minimum) {
      minimum = cumulative;
      minimumAt = i;
    }
    if (cumulative - minimum > lambda) return { sinceDay: series[Math.min(minimumAt + 1, series.length - 1)]!.day, detectedDay: series[i]!.day };
  }
  return null;
}

export interface DriftAssessment {
  /** Relative change of p99 per day from the robust trend (0.01 = +1 %/day). */
  trendPerDay: number | null;
  changePoint: ChangePoint | null;
  /** Days from the last point until the trend crosses the budget; null when not heading there. */
  daysToBreach: number | null;
}

export function assessDrift(series: DailyP99[], budgetMs: number): DriftAssessment {
  const fit = theilSen(series.map((s) => ({ x: s.day, y: Math.log(s.p99Ms) })));
  if (!fit) return { trendPerDay: null, changePoint: null, daysToBreach: null };
  const last = series[series.length - 1]!;
  const current = fit.intercept + fit.slope * last.day;
  let daysToBreach: number | null = null;
  if (current >= Math.log(budgetMs)) daysToBreach = 0;
  else if (fit.slope > 0) daysToBreach = (Math.log(budgetMs) - current) / fit.slope;
  return { trendPerDay: Math.exp(fit.slope) - 1, changePoint: pageHinkley(series), daysToBreach };
}
