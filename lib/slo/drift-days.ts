// The drift board's telemetry: each series' calls per UTC day and over the last 24 hours, and the
// settled part kept in drift_closed. Days older than the roll-up's margin can no longer change, so
// their daily p99s and the merged histograms of the baseline and the closed recent days are computed
// once per range (twice a UTC day: when the day turns, and when yesterday settles) and a request
// merges only the days since — the cost follows the series with recent calls, not the estate's 35 days.
// Of the days since, the hours already settled are kept too, in the process (settledHours below).
import "server-only";
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { emptyHistogram, merge, quantile, type Histogram } from "@/lib/telemetry/histogram";
import { readRolledUntil, ROLLUP_MARGIN_MS } from "@/lib/telemetry/rollup";
import { driftRange, type DailyPoint, type DriftRange } from "./drift-row";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Series per statement when filling drift_closed (bounds a statement's memory at a large estate). */
const FILL_CHUNK = 2_000;

export interface DayTally {
  day: string;
  count: number;
  histogram: Histogram;
}

/** What a series' settled days hold: their points (days with calls), and the windows' merged histograms. */
export interface ClosedPart {
  days: DailyPoint[];
  baseline: Histogram | null;
  recent: Histogram | null;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const p99Of = (h: Histogram) => {
  const v = quantile(h, 0.99);
  return v === null ? null : Math.round(v * 1000) / 1000;
};

/** How far the tiers are rolled up, read once a request and handed to each read below. */
export type Rolled = Awaited<ReturnType<typeof readRolledUntil>>;

/** The board's days now: how far hours are rolled decides which of them are settled. */
export function currentRange(now: Date, rolled: Rolled): DriftRange {
  return driftRange(now.getTime(), rolled.hour.getTime(), ROLLUP_MARGIN_MS.hour);
}

/**
 * What the process keeps for one scope at a time (a range, a settled line): `at(scope)` is the map of
 * that scope, emptied when the scope changes. The kept parts below never change within their scope.
 */
class ScopedKeep<V> {
  private scope: string | null = null;
  private map = new Map<string, V>();
  at(scope: string): Map<string, V> {
    if (scope !== this.scope) [this.scope, this.map] = [scope, new Map()];
    return this.map;
  }
  /** What is kept of `keys` in `scope`, and the keys it does not hold. */
  split(scope: string, keys: string[]): { kept: Map<string, V>; found: Map<string, V>; unseen: string[] } {
    const kept = this.at(scope);
    const found = new Map<string, V>();
    const unseen: string[] = [];
    for (const key of keys) {
      const v = kept.get(key);
      if (v) found.set(key, v);
      else unseen.push(key);
    }
    return { kept, found, unseen };
  }
  forget() {
    [this.scope, this.map] = [null, new Map()];
  }
}

const later = (a: Date, b: Date) => (a > b ? a : b);
const earlier = (a: Date, b: Date) => (a < b ? a : b);

/*
 * The bucket reads below are index ranges on (resolution, start) with bounds computed here rather than
 * conditions on telemetry_rollups inside the statement: with those the planner could not bound the
 * scan by time and read all 13 M buckets of the scale bench. Bounds read a moment early are still
 * exact: a roll-up that commits in between leaves the finer buckets it rolled in place (retention
 * drops only old ones), so each call is still read once, at the finer resolution.
 */

/**
 * Each series' calls per UTC day in [from, until), each call once: day buckets where days are rolled
 * up, hour buckets from there to where hours are, five-minute buckets to where they are, minute
 * buckets after (at most a few per series, instead of up to an hour's sixty).
 */
export function dayTallies(seriesKeys: string[], from: Date, until: Date, rolled: Rolled): Promise<Map<string, DayTally[]>> {
  const fiveFrom = later(from, rolled.hour);
  const fiveUntil = earlier(until, later(fiveFrom, rolled.five_minute));
  return readTiles(seriesKeys, [
    { resolution: "day", from, until: earlier(until, rolled.day) },
    { resolution: "hour", from: later(from, rolled.day), until: earlier(until, rolled.hour) },
    { resolution: "five_minute", from: fiveFrom, until: fiveUntil },
    { resolution: "minute", from: later(fiveFrom, fiveUntil), until },
  ]);
}

interface TilePart {
  resolution: "day" | "hour" | "five_minute" | "minute";
  from: Date;
  until: Date;
}

/** The buckets of each part (empty ones are not asked for), summed per series and UTC day. */
async function readTiles(seriesKeys: string[], parts: TilePart[]): Promise<Map<string, DayTally[]>> {
  const asked = parts.filter((p) => p.from < p.until);
  if (!seriesKeys.length || !asked.length) return new Map();
  const arms = asked.map(
    (p) => Prisma.sql`SELECT series_key, start, count, histogram FROM latency_buckets
      WHERE resolution = ${Prisma.raw(`'${p.resolution}'`)} AND start >= ${p.from} AND start < ${p.until} AND series_key = ANY(${seriesKeys})`,
  );
  return bySeries(await db().$queryRaw<TileRow[]>(Prisma.join(arms, " UNION ALL ")));
}

type TileRow = { series_key: string; start: Date; count: bigint; histogram: Histogram };

/**
 * Tiles summed per series and UTC day, oldest day first. Merged here rather than by
 * edgewise_histogram_agg: its final function runs once per group, and for the board's 500 series
 * with traffic that took 110-150 ms where moving the rows and merging them takes about a third.
 * The rows are this read's own, so a day's first histogram is merged into in place.
 */
function bySeries(rows: TileRow[]): Map<string, DayTally[]> {
  const days = new Map<string, Map<string, DayTally>>();
  for (const r of rows) {
    const day = isoDay(r.start.getTime());
    let of = days.get(r.series_key);
    if (!of) days.set(r.series_key, (of = new Map()));
    const had = of.get(day);
    if (had) {
      had.count += Number(r.count);
      merge(had.histogram, r.histogram);
    } else of.set(day, { day, count: Number(r.count), histogram: r.histogram });
  }
  const out = new Map<string, DayTally[]>();
  for (const [key, of] of days) out.set(key, [...of.values()].sort((x, y) => x.day.localeCompare(y.day)));
  return out;
}

/*
 * Today's settled hours. The days since the settled line are read per request, and late in a UTC day
 * that is some 20 hours of buckets per series with traffic (two thirds of a request's reads at the
 * scale bench). Hours older than the hour roll-up's margin can no longer change, for the same reason as
 * settled days: so their per-day tallies are kept here in the process, from the settled line up to the
 * hour line, and a request reads only the hours after it (and the minutes after the hours). The kept
 * entries are never changed in place: an advance makes new ones, so concurrent requests cannot count
 * an hour twice. The entries go when the settled line moves (twice a UTC day).
 */
interface HourPart {
  /** The hour line its days run to (exclusive). */
  throughMs: number;
  days: DayTally[];
}
const hourParts = new ScopedKeep<HourPart>();

/** Where today's hours are settled: whole hours before the roll-up's margin, between the settled days and `now`. */
export function hourLine(range: DriftRange, now: Date, rolled: Rolled): number {
  const line = Math.floor((rolled.hour.getTime() - ROLLUP_MARGIN_MS.hour) / HOUR_MS) * HOUR_MS;
  return Math.max(range.settledMs, Math.min(line, Math.floor(now.getTime() / HOUR_MS) * HOUR_MS));
}

/** Hour buckets alone in [from, until), per series and UTC day (the caller knows they are rolled up there). */
const hourTallies = (seriesKeys: string[], from: Date, until: Date) => readTiles(seriesKeys, [{ resolution: "hour", from, until }]);

/** Tallies of the same day merged into new ones (neither input is changed). */
function joinDays(a: DayTally[], b: DayTally[]): DayTally[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out = new Map(a.map((d) => [d.day, d]));
  for (const d of b) {
    const had = out.get(d.day);
    out.set(d.day, had ? { day: d.day, count: had.count + d.count, histogram: merge(merge(emptyHistogram(), had.histogram), d.histogram) } : d);
  }
  return [...out.values()].sort((x, y) => x.day.localeCompare(y.day));
}

/** The kept settled hours of `seriesKeys`, brought up to `throughMs` (reading only the hours each lacks). */
async function settledHours(seriesKeys: string[], fromMs: number, throughMs: number): Promise<Map<string, DayTally[]>> {
  const kept = hourParts.at(String(fromMs));
  // What each series has now, taken before any read: a request that advances it meanwhile replaces the
  // entry, and this one still adds its hours to what it took. A line behind what is kept (the roll-up
  // was rewound) starts the series again.
  const out = new Map<string, DayTally[]>();
  const groups = new Map<number, { key: string; days: DayTally[] }[]>();
  for (const key of seriesKeys) {
    const part = kept.get(key);
    const from = part && part.throughMs <= throughMs ? part : { throughMs: fromMs, days: [] };
    if (from.throughMs === throughMs) out.set(key, from.days);
    else {
      const group = groups.get(from.throughMs) ?? [];
      group.push({ key, days: from.days });
      groups.set(from.throughMs, group);
    }
  }
  await Promise.all(
    [...groups].map(async ([start, parts]) => {
      const added = await hourTallies(parts.map((p) => p.key), new Date(start), new Date(throughMs));
      for (const { key, days } of parts) {
        const joined = joinDays(days, added.get(key) ?? []);
        kept.set(key, { throughMs, days: joined });
        out.set(key, joined);
      }
    }),
  );
  return out;
}

/*
 * The rolled buckets after the kept hours: the hours of the roll-up's margin, and the five-minute
 * buckets after them. Only a roll-up pass writes those tiers, in the transaction that moves its
 * `updated_at` (readRollupPasses), so until the next pass (a minute) the same buckets are read: their
 * tallies are kept per pass, and a request reads only the minutes after them. Kept for one pass at a time.
 */
const passParts = new ScopedKeep<DayTally[]>();

async function passTallies(seriesKeys: string[], parts: TilePart[], pass: string | null): Promise<Map<string, DayTally[]>> {
  if (pass === null) return readTiles(seriesKeys, parts);
  const scope = `${pass}|${parts.map((p) => `${p.resolution}:${p.from.getTime()}-${p.until.getTime()}`).join(",")}`;
  const { kept, found: out, unseen } = passParts.split(scope, seriesKeys);
  if (!unseen.length) return out;
  const read = await readTiles(unseen, parts);
  for (const key of unseen) {
    const days = read.get(key) ?? [];
    kept.set(key, days);
    out.set(key, days);
  }
  return out;
}

/** When the roll-up's last passes wrote, as one key (null: not known, so nothing is kept). */
export type Passes = { five_minute: Date; hour: Date } | null;

/**
 * Each series' calls per UTC day since the settled days: the kept settled hours of today (and of
 * yesterday, while it is not settled yet), the rolled buckets after them as of the roll-up's last pass,
 * then the minutes after those, read afresh.
 */
export async function liveTallies(seriesKeys: string[], range: DriftRange, now: Date, rolled: Rolled, passes: Passes = null): Promise<Map<string, DayTally[]>> {
  const line = new Date(hourLine(range, now, rolled));
  if (line.getTime() <= range.settledMs) return dayTallies(seriesKeys, new Date(range.settledMs), now, rolled);
  // After the line no day bucket applies (it would hold the kept hours too): hours to where they are
  // rolled, five-minute buckets to where they are, then minutes.
  const hoursUntil = later(line, earlier(rolled.hour, now));
  const fivesUntil = later(hoursUntil, earlier(rolled.five_minute, now));
  const pass = passes && `${passes.hour.getTime()}/${passes.five_minute.getTime()}`;
  const [kept, passed, minutes] = await Promise.all([
    settledHours(seriesKeys, range.settledMs, line.getTime()),
    passTallies(seriesKeys, [{ resolution: "hour", from: line, until: hoursUntil }, { resolution: "five_minute", from: hoursUntil, until: fivesUntil }], pass),
    readTiles(seriesKeys, [{ resolution: "minute", from: fivesUntil, until: now }]),
  ]);
  return new Map(seriesKeys.map((key) => [key, joinDays(joinDays(kept.get(key) ?? [], passed.get(key) ?? []), minutes.get(key) ?? [])]));
}

/** The last 24 hours per series (not day-aligned: rolled hours inside, minutes for its ragged first hour and what is not rolled yet). */
export async function last24h(seriesKeys: string[], now: Date, { hour }: Rolled): Promise<Map<string, Histogram>> {
  if (!seriesKeys.length) return new Map();
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const dayAgoHour = new Date(Math.ceil(dayAgo.getTime() / HOUR_MS) * HOUR_MS);
  const rows = await db().$queryRaw<{ series_key: string; histogram: Histogram }[]>`
    SELECT series_key, edgewise_histogram_agg(histogram) AS histogram FROM (
      SELECT series_key, histogram FROM latency_buckets
      WHERE resolution = 'hour' AND start >= ${dayAgoHour} AND start < ${earlier(now, hour)} AND series_key = ANY(${seriesKeys})
      UNION ALL
      SELECT series_key, histogram FROM latency_buckets
      WHERE resolution = 'minute' AND start >= ${dayAgo} AND start < ${earlier(dayAgoHour, now)} AND series_key = ANY(${seriesKeys})
      UNION ALL
      SELECT series_key, histogram FROM latency_buckets
      WHERE resolution = 'minute' AND start >= ${later(hour, dayAgoHour)} AND start < ${now} AND series_key = ANY(${seriesKeys})
    ) AS x
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.series_key, r.histogram]));
}

/** Folds days into their points and the two windows' histograms (days before `recentFromMs` are the baseline). */
export function foldDays(days: DayTally[], recentFromMs: number, into: ClosedPart = { days: [], baseline: null, recent: null }): ClosedPart {
  const recentFrom = isoDay(recentFromMs);
  for (const d of days) {
    into.days.push({ day: d.day, count: d.count, p99Ms: p99Of(d.histogram) });
    const window = d.day >= recentFrom ? "recent" : "baseline";
    into[window] = merge(into[window] ?? emptyHistogram(), d.histogram);
  }
  return into;
}

const asOfOf = (range: DriftRange) => `${isoDay(range.fromMs)}/${isoDay(range.settledMs)}`;

async function readClosed(seriesKeys: string[], asOf: string): Promise<Map<string, ClosedPart>> {
  const rows = await db().$queryRaw<{ series_key: string; days: DailyPoint[]; baseline: Histogram | null; recent: Histogram | null }[]>`
    SELECT series_key, days, baseline, recent FROM drift_closed WHERE series_key = ANY(${seriesKeys}) AND as_of = ${asOf}`;
  return new Map(rows.map((r) => [r.series_key, { days: r.days, baseline: r.baseline, recent: r.recent }]));
}

/** Computes the settled part of `seriesKeys` (those without calls too: a row says "nothing there") and keeps it. */
async function fillClosed(seriesKeys: string[], range: DriftRange, asOf: string, rolled: Rolled): Promise<Map<string, ClosedPart>> {
  const out = new Map<string, ClosedPart>();
  for (let i = 0; i < seriesKeys.length; i += FILL_CHUNK) {
    const chunk = seriesKeys.slice(i, i + FILL_CHUNK);
    const tallies = await dayTallies(chunk, new Date(range.fromMs), new Date(range.settledMs), rolled);
    const rows = chunk.map((key) => {
      const part = foldDays(tallies.get(key) ?? [], range.recentFromMs);
      out.set(key, part);
      return { series_key: key, days: part.days, baseline: part.baseline, recent: part.recent };
    });
    // Another instance may be filling the same range: its rows are the same, so either wins.
    await db().$executeRaw`
      INSERT INTO drift_closed (series_key, as_of, days, baseline, recent, computed_at)
      SELECT x.series_key, ${asOf}, x.days, x.baseline, x.recent, now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(series_key text, days jsonb, baseline jsonb, recent jsonb)
      ON CONFLICT (series_key) DO UPDATE SET as_of = EXCLUDED.as_of, days = EXCLUDED.days, baseline = EXCLUDED.baseline,
        recent = EXCLUDED.recent, computed_at = EXCLUDED.computed_at`;
  }
  return out;
}

// Readers at the turn of a range (the health refresh's drift and a person's board) share one fill.
let filling: { asOf: string; done: Promise<unknown> } | null = null;

// A range's rows never change, so the process keeps a copy of those it has read: a request then reads
// drift_closed only for series it has not seen in this range (the table is what instances share).
const inProcess = new ScopedKeep<ClosedPart>();

/** Drops the process's copies of settled parts, hours and a pass's buckets, as a fresh instance starts (for tests of the kept rows). */
export function forgetKeptDrift() {
  inProcess.forget();
  hourParts.forget();
  passParts.forget();
}

/** The settled part of each series for `range`: kept rows where current, computed (and kept) where not. */
export async function closedParts(seriesKeys: string[], range: DriftRange, rolled: Rolled): Promise<Map<string, ClosedPart>> {
  if (range.settledMs <= range.fromMs) return new Map(seriesKeys.map((k) => [k, { days: [], baseline: null, recent: null }]));
  const asOf = asOfOf(range);
  const { kept: copies, found: out, unseen } = inProcess.split(asOf, seriesKeys);
  if (!unseen.length) return out;
  if (filling?.asOf === asOf) await filling.done.catch(() => undefined);
  const kept = await readClosed(unseen, asOf);
  const missing = unseen.filter((k) => !kept.has(k));
  if (missing.length) {
    const done = fillClosed(missing, range, asOf, rolled);
    filling = { asOf, done };
    try {
      for (const [k, v] of await done) kept.set(k, v);
    } finally {
      if (filling?.done === done) filling = null;
    }
  }
  for (const [k, v] of kept) {
    copies.set(k, v);
    out.set(k, v);
  }
  return out;
}
