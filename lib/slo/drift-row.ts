// One integration point's drift figures from its daily and window p99s, and the two rankings of the
// drift board (pure). The SQL that produces the p99s lives in drift-board.ts.
import { assessDrift, type DailyP99 } from "./drift";

/** Fewer days with calls than this and a slope (and so a projection) would be a guess. */
export const MIN_TREND_DAYS = 7;
const DAY_MS = 86_400_000;

export interface DailyPoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  p99Ms: number | null;
  count: number;
}

export interface DriftFigures {
  baselineP99Ms: number | null;
  recent24hP99Ms: number | null;
  recent7dP99Ms: number | null;
  /** Recent 7 d p99 against the baseline. */
  changeMs: number | null;
  changePercent: number | null;
  /** Theil–Sen slope of log daily p99, as % per day. */
  slopePercentPerDay: number | null;
  /** The day a shift that persisted and still holds started (YYYY-MM-DD); incidents never set it. */
  driftingSince: string | null;
  /** The latest upward episode that ended (an incident, or a shift since gone back), YYYY-MM-DD; null if none. */
  lastEpisode: { since: string; until: string } | null;
  /** The first day the trend reaches the budget (YYYY-MM-DD); null when not rising or already over. */
  projectedBreachAt: string | null;
  /** Days from the last day with calls until the trend reaches the budget (fractional). */
  daysToBreach: number | null;
  /** The latest p99 (24 h, else 7 d) is already over the budget. */
  overBudget: boolean;
}

const round = (v: number | null, places: number) => (v === null ? null : Math.round(v * 10 ** places) / 10 ** places);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export function driftFigures(input: {
  budgetP99Ms: number;
  baselineP99Ms: number | null;
  recent24hP99Ms: number | null;
  recent7dP99Ms: number | null;
  daily: DailyPoint[];
}): DriftFigures {
  const { budgetP99Ms, baselineP99Ms, recent24hP99Ms, recent7dP99Ms } = input;
  const seen = input.daily.filter((d): d is DailyPoint & { p99Ms: number } => d.p99Ms !== null && d.p99Ms > 0 && d.count > 0);
  const latest = recent24hP99Ms ?? recent7dP99Ms;
  const overBudget = latest !== null && latest > budgetP99Ms;
  const change = baselineP99Ms !== null && recent7dP99Ms !== null ? recent7dP99Ms - baselineP99Ms : null;
  let slopePercentPerDay: number | null = null;
  let driftingSince: string | null = null;
  let lastEpisode: DriftFigures["lastEpisode"] = null;
  let projectedBreachAt: string | null = null;
  let daysToBreach: number | null = null;
  if (seen.length >= MIN_TREND_DAYS) {
    const first = Date.parse(`${seen[0]!.day}T00:00:00Z`);
    const series: DailyP99[] = seen.map((d) => ({ day: Math.round((Date.parse(`${d.day}T00:00:00Z`) - first) / DAY_MS), p99Ms: d.p99Ms }));
    const a = assessDrift(series, budgetP99Ms);
    slopePercentPerDay = a.trendPerDay === null ? null : a.trendPerDay * 100;
    if (a.changePoint) driftingSince = addDays(seen[0]!.day, a.changePoint.sinceDay);
    const episode = a.episodes[a.episodes.length - 1];
    if (episode) lastEpisode = { since: addDays(seen[0]!.day, episode.sinceDay), until: addDays(seen[0]!.day, episode.untilDay) };
    if (!overBudget && a.daysToBreach !== null && a.daysToBreach > 0) {
      daysToBreach = a.daysToBreach;
      // The trend at the last day + d reaches the budget for d ≥ daysToBreach: the first whole day is the ceiling.
      projectedBreachAt = addDays(seen[seen.length - 1]!.day, Math.ceil(a.daysToBreach));
    }
  }
  return {
    baselineP99Ms: round(baselineP99Ms, 3),
    recent24hP99Ms: round(recent24hP99Ms, 3),
    recent7dP99Ms: round(recent7dP99Ms, 3),
    changeMs: round(change, 3),
    changePercent: change !== null && baselineP99Ms ? round((change / baselineP99Ms) * 100, 2) : null,
    slopePercentPerDay: round(slopePercentPerDay, 3),
    driftingSince,
    lastEpisode,
    projectedBreachAt,
    daysToBreach: round(daysToBreach, 2),
    overBudget,
  };
}

/** Annotations this many days either side of a change point (or an episode) are "near" it. */
export const NEAR_CHANGE_DAYS = 2;

export interface DriftAnnotation {
  at: string;
  /** Its UTC day (YYYY-MM-DD), the sparkline's x. */
  day: string;
  kind: string;
  title: string;
  link: string | null;
  /** Within NEAR_CHANGE_DAYS of the change point, or of the latest ended episode: a likely cause. */
  nearChange: boolean;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The annotations of one integration point, oldest first, each marked when it falls near the change (or episode). */
export function annotateDrift(annotations: { at: string; kind: string; title: string; link: string | null }[], figures: Pick<DriftFigures, "driftingSince" | "lastEpisode">): DriftAnnotation[] {
  const span = figures.driftingSince ? [figures.driftingSince, figures.driftingSince] : figures.lastEpisode ? [figures.lastEpisode.since, figures.lastEpisode.until] : null;
  return [...annotations]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((a) => {
      const day = a.at.slice(0, 10);
      const d = dayNumber(day);
      const nearChange = span !== null && d >= dayNumber(span[0]!) - NEAR_CHANGE_DAYS && d <= dayNumber(span[1]!) + NEAR_CHANGE_DAYS;
      return { at: a.at, day, kind: a.kind, title: a.title, link: a.link, nearChange };
    });
}

export type DriftSort = "drift" | "breach";

type Rankable = Pick<DriftFigures, "changePercent" | "daysToBreach" | "overBudget"> & { key: string };

const byDrift = (a: Rankable, b: Rankable) => (b.changePercent ?? -Infinity) - (a.changePercent ?? -Infinity) || a.key.localeCompare(b.key);

/**
 * By drift: the largest rise of recent over baseline p99 first (no baseline last). By time to breach:
 * those already over budget first (no time left), then the soonest projected breach, then the rest by drift.
 */
export function rankDrift<T extends Rankable>(rows: T[], sort: DriftSort): T[] {
  const sorted = [...rows];
  if (sort === "drift") return sorted.sort(byDrift);
  const urgency = (r: Rankable) => (r.overBudget ? 0 : (r.daysToBreach ?? Infinity));
  return sorted.sort((a, b) => {
    const ua = urgency(a);
    const ub = urgency(b);
    if (ua !== ub) return ua < ub ? -1 : 1;
    return byDrift(a, b);
  });
}

/** 28 baseline days, then the 7 recent ones (today, partial, included). */
export const BASELINE_DAYS = 28;
export const RECENT_DAYS = 7;

export interface DriftRange {
  /** The first of the 35 days, the first recent one, and today (UTC midnights, ms). */
  fromMs: number;
  recentFromMs: number;
  todayMs: number;
  /**
   * Days before this one are settled: every hour of them is older than the hour roll-up's margin, so
   * no late span can change what a read of them returns (later minutes there are neither rolled nor
   * read). Between `fromMs` and `todayMs`; `fromMs` when nothing is settled.
   */
  settledMs: number;
}

/** The drift board's days at `nowMs`, given how far hours are rolled up and the margin the roll-up re-reads. */
export function driftRange(nowMs: number, hourRolledUntilMs: number | null, marginMs: number): DriftRange {
  const todayMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const fromMs = todayMs - (BASELINE_DAYS + RECENT_DAYS - 1) * DAY_MS;
  const settledLine = hourRolledUntilMs === null ? -Infinity : Math.min(hourRolledUntilMs - marginMs, nowMs);
  const settledMs = Math.min(todayMs, Math.max(fromMs, Math.floor(settledLine / DAY_MS) * DAY_MS));
  return { fromMs, recentFromMs: todayMs - (RECENT_DAYS - 1) * DAY_MS, todayMs, settledMs };
}
