// Latency drift (pure): a robust trend of daily p99 (Theil–Sen on log latency), a change-point
// detector (Page–Hinkley on log latency, confirmed only by a shift that persists), and when the p99 would cross its budget at the current slope.
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

/** Centre and noise scale (MAD, floored: a very quiet warm-up must not make every ripple an alarm) of log p99. */
function warmupScale(logs: number[]): { center: number; sigma: number } {
  const center = median(logs);
  return { center, sigma: Math.max(median(logs.map((v) => Math.abs(v - center))) * 1.4826, 0.02) };
}

export interface ShiftOptions {
  /** Drift tolerated per day, in noise scales. */
  delta?: number;
  /** Evidence needed to raise the alarm, in noise scales. */
  lambda?: number;
  /** Days the noise scale and the baseline level are estimated from. */
  warmup?: number;
}

/**
 * Page–Hinkley for an upward shift in the mean of log p99. `delta` is the drift tolerated per day
 * (log units; 0.05 ≈ 5 %), `lambda` the evidence needed to raise the alarm. The noise scale is
 * estimated robustly (MAD) from the first `warmup` days so thresholds mean the same at any latency.
 * On its own it is fooled by an incident: one day whose p99 is several times the usual is evidence
 * enough. detectShift adds the persistence that tells the two apart.
 */
export function pageHinkley(series: DailyP99[], options: ShiftOptions = {}): ChangePoint | null {
  const warmup = options.warmup ?? 14;
  if (series.length <= warmup) return null;
  const logs = series.map((s) => Math.log(s.p99Ms));
  const { center, sigma } = warmupScale(logs.slice(0, warmup));
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

/** An upward shift that did not last: an incident, or a drift that has since gone back to baseline. */
export interface Episode {
  sinceDay: number;
  /** Its last day still above half its peak over the baseline. */
  untilDay: number;
}

export interface Shift {
  /** A shift that has lasted and still holds over the latest days; null when there is none. */
  changePoint: ChangePoint | null;
  /** Shifts that ended (oldest first): flagged by Page–Hinkley, not a drift. */
  episodes: Episode[];
}

/** Days of data, counted from the estimated start, before a shift can be confirmed. */
export const PERSIST_DAYS = 4;
/** The latest days whose median p99 must still be shifted (a median of 3 ignores any one day). */
export const HOLD_DAYS = 3;
/** How far above the baseline (in noise scales) the median of the latest days must be to confirm a shift… */
export const HOLD_SIGMAS = 3;
/** …and how far it may fall back before a confirmed shift counts as ended (hysteresis: noise does not end it). */
export const END_SIGMAS = 1.5;

/**
 * Drift told apart from incidents. Page–Hinkley raises a candidate; it becomes a change point only
 * once PERSIST_DAYS days of data have passed since its start and the median log p99 of the latest
 * HOLD_DAYS days is still HOLD_SIGMAS noise scales above the baseline. An incident (hours, reaching
 * one day's p99 or two across midnight) leaves that median at the baseline, so its candidate is
 * dropped as an episode and the detector starts afresh after it; a real step keeps it up. A confirmed
 * shift whose latest days fall back becomes an episode too. A candidate still younger than
 * PERSIST_DAYS at the end of the series is neither (not yet known). Once confirmed, a shift ends only
 * when that median falls below END_SIGMAS, so a few quieter days of a real step do not end it.
 */
export function detectShift(series: DailyP99[], options: ShiftOptions = {}): Shift {
  const warmup = options.warmup ?? 14;
  const episodes: Episode[] = [];
  if (series.length <= warmup) return { changePoint: null, episodes };
  const logs = series.map((s) => Math.log(s.p99Ms));
  const { center, sigma } = warmupScale(logs.slice(0, warmup));
  const delta = (options.delta ?? 1) * sigma;
  const lambda = (options.lambda ?? 10) * sigma;
  const hold = HOLD_SIGMAS * sigma;
  const latest = (j: number) => median(logs.slice(Math.max(0, j - HOLD_DAYS + 1), j + 1)) - center;
  // An episode ends on its last day still above half its peak (and above the hold threshold).
  const lastShifted = (from: number, to: number) => {
    const bar = Math.max(hold, (Math.max(...logs.slice(from, to + 1)) - center) / 2);
    let k = to;
    while (k > from && logs[k]! - center < bar) k--;
    return series[k]!.day;
  };
  // The start k of a step over [from, to] that misclassifies the fewest days against a bar halfway up
  // to the latest level (days at or above it before k, days below it from k on); ties go to the earliest.
  const stepStart = (from: number, to: number) => {
    const bar = center + latest(to) / 2;
    let best = from;
    let bestErrors = Infinity;
    for (let k = from; k <= to; k++) {
      let errors = 0;
      for (let j = from; j <= to; j++) if (j < k ? logs[j]! >= bar : logs[j]! < bar) errors++;
      if (errors < bestErrors) [best, bestErrors] = [k, errors];
    }
    return best;
  };
  let cumulative = 0;
  let minimum = 0;
  let minimumAt = warmup - 1;
  // The candidate under watch: its start index, and the day it was confirmed once it is.
  let since: number | null = null;
  let confirmed: number | null = null;
  for (let i = warmup; i < logs.length; i++) {
    if (since === null) {
      cumulative += logs[i]! - center - delta;
      if (cumulative < minimum) {
        minimum = cumulative;
        minimumAt = i;
      }
      if (cumulative - minimum <= lambda) continue;
      since = Math.min(minimumAt + 1, i);
    }
    if (i - since + 1 < PERSIST_DAYS) continue;
    if (latest(i) >= (confirmed === null ? hold : END_SIGMAS * sigma)) {
      if (confirmed === null) {
        // Page–Hinkley's start can sit on an earlier incident whose evidence carried over: date the
        // shift where a step from `since` to now fits best, then ask for the persistence from there.
        since = stepStart(since, i);
        if (i - since + 1 < PERSIST_DAYS) continue;
        confirmed = i;
      }
      continue;
    }
    // Back at the baseline: an episode, and Page–Hinkley looks again from the day after its start
    // (a real shift that began inside it is still dated to its own start). Overlapping ones are one.
    const episode = { sinceDay: series[since]!.day, untilDay: lastShifted(since, i) };
    const previous = episodes[episodes.length - 1];
    if (previous && episode.sinceDay <= previous.untilDay + 1) previous.untilDay = Math.max(previous.untilDay, episode.untilDay);
    else episodes.push(episode);
    i = since;
    since = null;
    confirmed = null;
    cumulative = 0;
    minimum = 0;
    minimumAt = i;
  }
  const changePoint = since !== null && confirmed !== null ? { sinceDay: series[since]!.day, detectedDay: series[confirmed]!.day } : null;
  return { changePoint, episodes };
}

export interface DriftAssessment {
  /** Relative change of p99 per day from the robust trend (0.01 = +1 %/day). */
  trendPerDay: number | null;
  changePoint: ChangePoint | null;
  /** Upward shifts that ended (incidents): flagged by Page–Hinkley alone, not drift. */
  episodes: Episode[];
  /** Days from the last point until the trend crosses the budget; null when not heading there. */
  daysToBreach: number | null;
}

export function assessDrift(series: DailyP99[], budgetMs: number): DriftAssessment {
  const fit = theilSen(series.map((s) => ({ x: s.day, y: Math.log(s.p99Ms) })));
  if (!fit) return { trendPerDay: null, changePoint: null, episodes: [], daysToBreach: null };
  const last = series[series.length - 1]!;
  const current = fit.intercept + fit.slope * last.day;
  let daysToBreach: number | null = null;
  if (current >= Math.log(budgetMs)) daysToBreach = 0;
  else if (fit.slope > 0) daysToBreach = (Math.log(budgetMs) - current) / fit.slope;
  return { trendPerDay: Math.exp(fit.slope) - 1, ...detectShift(series), daysToBreach };
}
