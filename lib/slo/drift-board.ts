// The drift board: for every live integration point, daily p99 over 35 days, the 28-day baseline
// against the last 7 days and 24 hours, the trend, the change point and the projected breach. The
// settled days come from drift_closed (lib/slo/drift-days.ts); a request reads the days since, and
// the last 24 hours, of the series that have them.
import "server-only";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { emptyHistogram, merge, quantile, sameHistogram, type Histogram } from "@/lib/telemetry/histogram";
import { closedParts, currentRange, dayTallies, foldDays, last24h, liveTallies, type ClosedPart, type DayTally } from "./drift-days";
import { readRollupPasses } from "@/lib/telemetry/rollup";
import { HEALTH_MAX_AGE_MS } from "./health-status";
import { annotateDrift, BASELINE_DAYS, driftFigures, driftRange, rankDrift, RECENT_DAYS, type DriftAnnotation, type DriftFigures, type DriftSort, type DailyPoint } from "./drift-row";
import { readDb, withReader } from "@/lib/db/replicas";

const DAY_MS = 86_400_000;
export { BASELINE_DAYS, RECENT_DAYS };
const DAYS = BASELINE_DAYS + RECENT_DAYS;

export const driftQuerySchema = z.object({
  sort: z.enum(["drift", "breach"], { error: "sort is drift or breach" }).default("drift"),
  team: z
    .string()
    .max(63, "team is a team slug (at most 63 characters)")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "team is a team slug such as checkout-team")
    .optional(),
  limit: z.coerce.number({ error: "limit is a number" }).int("limit is a whole number").min(1, "limit is at least 1").max(1000, "limit is at most 1000").optional(),
});
export type DriftQuery = z.infer<typeof driftQuerySchema>;

export interface DriftRow extends DriftFigures {
  key: string;
  sourceService: string;
  targetService: string;
  team: string;
  budgetP99Ms: number;
  /** One point per UTC day of the last 35, oldest first; p99 null on days without calls. */
  daily: DailyPoint[];
  /** Set when the integration point is silent (the health refresh's status): the time of its last call. */
  silentSince: string | null;
  /** Deploys, incidents and accepted decisions on it within the 35 days, oldest first; those near the change marked. */
  annotations: DriftAnnotation[];
}

export interface DriftBoard {
  generatedAt: string;
  items: DriftRow[];
}

interface Declared {
  series_key: string;
  key: string;
  source: string;
  target: string;
  team: string;
  budget_p99_ms: number;
  silent_since: Date | null;
  /** The health refresh's exact 24 h p99, when its row is fresh for `now`. */
  health_p99_24h: number | null;
  health_calls_24h: bigint | null;
  health_at: Date | null;
}

/**
 * The annotations in the board's 35 days, one row per (annotation, integration point), of every
 * integration point: read beside the declarations rather than after them with the estate's keys (the
 * rows only the board's integration points look up are the ones used).
 */
function annotationsOf(now: Date) {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = new Date(today - (DAYS - 1) * DAY_MS);
  return readDb().$queryRaw<{ series_key: string; at: Date; kind: string; title: string; link: string | null }[]>`
    SELECT x.id::text AS series_key, a.at, a.kind, a.title, a.link
    FROM annotations a CROSS JOIN LATERAL unnest(a.integration_ids) AS x(id)
    WHERE a.at >= ${from} AND a.at < ${now}
    ORDER BY a.at`;
}

/*
 * The rows built last, and what each was built from. Building a row (merging its windows, three
 * quantiles, the Theil–Sen trend and the change point over 35 days) is most of a request's work in
 * process, and between two requests most rows' inputs have not changed: the settled part is the same
 * kept object, and the days since hold the same buckets unless calls arrived. A row whose inputs are
 * all the same is the same row, so it is handed out again (rows are frozen: callers share them).
 */
interface Built {
  /** The declaration, the range, the 24 h figure from health and the annotations, as one string. */
  inputs: string;
  kept: ClosedPart | undefined;
  live: DayTally[];
  day24: Histogram | undefined;
  row: DriftRow;
}
let built = new Map<string, Built>();

const sameDays = (a: DayTally[], b: DayTally[]) =>
  a.length === b.length && a.every((d, i) => d.day === b[i]!.day && d.count === b[i]!.count && sameHistogram(d.histogram, b[i]!.histogram));

/**
 * The drift rows of every live integration point (of one team), unranked and unauthorized: for trusted
 * callers. `settled: false` reads every day afresh instead of the kept settled part (what the tests
 * compare the kept part against).
 */
export async function estateDrift(now = new Date(), team?: string, options: { settled?: boolean } = {}): Promise<DriftRow[]> {
  // Both run beside the declarations: attaching a handler starts the lazy Prisma query now, and keeps a
  // failure from being unhandled should the declarations fail first (it is thrown where it is awaited).
  const passesRead = readRollupPasses();
  const marksRead = annotationsOf(now);
  for (const p of [passesRead, marksRead]) p.catch(() => undefined);
  const declared = await readDb().$queryRaw<Declared[]>`
    SELECT ip.id::text AS series_key, ip.key, s.slug AS source, t.slug AS target, tm.slug AS team, ip.budget_p99_ms,
           CASE WHEN h.status = 'silent' THEN h.last_seen_at END AS silent_since,
           h.p99_ms_24h AS health_p99_24h, h.calls_24h AS health_calls_24h, h.computed_at AS health_at
    FROM integration_points ip
    JOIN services s ON s.id = ip.source_service_id
    JOIN services t ON t.id = ip.target_service_id
    JOIN teams tm ON tm.id = s.team_id
    LEFT JOIN integration_health h ON h.integration_id = ip.id
    WHERE ip.lifecycle <> 'retired' AND (${team ?? null}::text IS NULL OR tm.slug = ${team ?? null})`;
  if (!declared.length) return [];
  const seriesKeys = declared.map((d) => d.series_key);
  const { until: rolled, passedAt } = await passesRead;
  const range = options.settled === false ? driftRange(now.getTime(), null, 0) : currentRange(now, rolled);
  // The last 24 h come from the health refresh (every minute, the same exact window) where its row is
  // fresh for `now`; only the others are read here.
  const fresh = (d: Declared) =>
    options.settled !== false && d.health_at !== null && d.health_at <= now && d.health_at.getTime() >= now.getTime() - HEALTH_MAX_AGE_MS;
  const [closed, live, day, marks] = await Promise.all([
    closedParts(seriesKeys, range, rolled),
    options.settled === false ? dayTallies(seriesKeys, new Date(range.settledMs), now, rolled) : liveTallies(seriesKeys, range, now, rolled, passedAt),
    last24h(declared.filter((d) => !fresh(d)).map((d) => d.series_key), now, rolled),
    marksRead,
  ]);
  const marksOf = new Map<string, { at: string; kind: string; title: string; link: string | null }[]>();
  for (const m of marks) {
    const list = marksOf.get(m.series_key) ?? [];
    list.push({ at: m.at.toISOString(), kind: m.kind, title: m.title, link: m.link });
    marksOf.set(m.series_key, list);
  }
  const calendar = Array.from({ length: DAYS }, (_, i) => new Date(range.fromMs + i * DAY_MS).toISOString().slice(0, 10));
  // Most of a big estate has no calls on most days: those rows share one frozen point per day.
  const silentDay = calendar.map((day): DailyPoint => Object.freeze({ day, p99Ms: null, count: 0 }));
  const p99 = (h: Histogram | null | undefined) => (h ? quantile(h, 0.99) : null);
  const memo = options.settled !== false;
  const next = new Map<string, Built>();
  const rows = declared.map((d) => {
    const kept = closed.get(d.series_key);
    const liveDays = live.get(d.series_key) ?? [];
    const day24 = fresh(d) ? undefined : day.get(d.series_key);
    const seriesMarks = marksOf.get(d.series_key) ?? [];
    const inputs = JSON.stringify([d.key, d.source, d.target, d.team, d.budget_p99_ms, d.silent_since, range.fromMs, range.recentFromMs,
      fresh(d) ? [Number(d.health_calls_24h ?? 0), d.health_p99_24h] : null, seriesMarks]);
    const had = memo ? built.get(d.series_key) : undefined;
    if (had && had.inputs === inputs && had.kept === kept && sameDays(had.live, liveDays) && (had.day24 === day24 || (!!had.day24 && !!day24 && sameHistogram(had.day24, day24)))) {
      next.set(d.series_key, had);
      return had.row;
    }
    const row = buildRow(d, kept, liveDays, day24);
    if (memo) next.set(d.series_key, { inputs, kept, live: liveDays, day24, row });
    return row;
  });
  // Rows of integration points gone from the estate (or of another team's view) are dropped with the old map.
  if (memo) built = team ? new Map([...built, ...next]) : next;
  return rows;

  function buildRow(d: Declared, kept: ClosedPart | undefined, liveDays: DayTally[], day24: Histogram | undefined): DriftRow {
    // The settled part (a copy: kept rows are shared), then the days since.
    const part = foldDays(liveDays, range.recentFromMs, {
      days: [...(kept?.days ?? [])],
      baseline: kept?.baseline ? merge(emptyHistogram(), kept.baseline) : null,
      recent: kept?.recent ? merge(emptyHistogram(), kept.recent) : null,
    });
    const byDay = new Map(part.days.map((p) => [p.day, p]));
    const daily = calendar.map((day, i): DailyPoint => {
      const p = byDay.get(day);
      return p ? { day, p99Ms: p.p99Ms, count: p.count } : silentDay[i]!;
    });
    const figures = driftFigures({
      budgetP99Ms: d.budget_p99_ms,
      baselineP99Ms: p99(part.baseline),
      recent7dP99Ms: p99(part.recent),
      recent24hP99Ms: fresh(d) ? (Number(d.health_calls_24h ?? 0) > 0 ? d.health_p99_24h : null) : p99(day24),
      daily,
    });
    const annotations = annotateDrift(marksOf.get(d.series_key) ?? [], figures);
    return Object.freeze({ key: d.key, sourceService: d.source, targetService: d.target, team: d.team, budgetP99Ms: d.budget_p99_ms, ...figures, daily, silentSince: d.silent_since?.toISOString() ?? null, annotations });
  }
}

export async function driftBoard(actor: Actor, options: { now?: Date; sort?: DriftSort; team?: string; limit?: number } = {}): Promise<DriftBoard> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const now = options.now ?? new Date();
    const ranked = rankDrift(await estateDrift(now, options.team), options.sort ?? "drift");
    return { generatedAt: now.toISOString(), items: options.limit ? ranked.slice(0, options.limit) : ranked };
  });
}
