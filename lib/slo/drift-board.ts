// The drift board: for every live integration point, daily p99 over 35 days, the 28-day baseline
// against the last 7 days and 24 hours, the trend, the change point and the projected breach — for
// the whole estate in two queries (the declarations, then all their histograms merged in SQL).
import "server-only";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { quantile, type Histogram } from "@/lib/telemetry/histogram";
import { annotateDrift, driftFigures, rankDrift, type DailyPoint, type DriftAnnotation, type DriftFigures, type DriftSort } from "./drift-row";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** 28 baseline days, then the 7 recent ones (today, partial, included). */
export const BASELINE_DAYS = 28;
export const RECENT_DAYS = 7;
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
}

type Kind = "day" | "baseline" | "recent7d" | "recent24h";

/**
 * Each call counted once: day buckets where days are rolled up, hour buckets from there to where hours
 * are rolled up, minute buckets after. The 24-hour window is not day-aligned, so it is tiled by hours
 * (inside the rolled range) and minutes (its ragged first hour and everything not yet rolled).
 */
async function telemetry(seriesKeys: string[], now: Date) {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = new Date(today - (DAYS - 1) * DAY_MS);
  const recentFrom = new Date(today - (RECENT_DAYS - 1) * DAY_MS);
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const dayAgoHour = new Date(Math.ceil(dayAgo.getTime() / HOUR_MS) * HOUR_MS);
  return db().$queryRaw<{ kind: Kind; series_key: string; day: Date | null; count: bigint; histogram: Histogram }[]>`
    WITH rolled AS (
      SELECT coalesce((SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'hour'), 'epoch'::timestamptz) AS hour_until,
             coalesce((SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'day'), 'epoch'::timestamptz) AS day_until
    ),
    tiles AS (
      SELECT b.series_key, b.resolution, b.start, b.count, b.histogram
      FROM latency_buckets b CROSS JOIN rolled r
      WHERE b.series_key = ANY(${seriesKeys}) AND b.start >= ${from} AND b.start < ${now}
        AND CASE b.resolution
              WHEN 'day' THEN b.start < r.day_until
              WHEN 'hour' THEN b.start >= r.day_until AND b.start < r.hour_until
              ELSE b.start >= r.hour_until
            END
    ),
    -- A day bucket already is its day (merging it alone would cost as much as merging many).
    daily AS (
      SELECT series_key, start AS day, count, histogram FROM tiles WHERE resolution = 'day'
      UNION ALL
      SELECT series_key, date_trunc('day', start, 'UTC'), sum(count), edgewise_histogram_agg(histogram)
      FROM tiles WHERE resolution <> 'day' GROUP BY 1, 2
    ),
    windows AS (
      SELECT series_key, CASE WHEN day >= ${recentFrom} THEN 'recent7d' ELSE 'baseline' END AS kind, sum(count) AS count, edgewise_histogram_agg(histogram) AS histogram
      FROM daily GROUP BY 1, 2
    ),
    last24h AS (
      SELECT b.series_key, sum(b.count) AS count, edgewise_histogram_agg(b.histogram) AS histogram
      FROM latency_buckets b CROSS JOIN rolled r
      WHERE b.series_key = ANY(${seriesKeys}) AND b.start < ${now}
        AND ((b.resolution = 'hour' AND b.start >= ${dayAgoHour} AND b.start < r.hour_until)
          OR (b.resolution = 'minute' AND b.start >= ${dayAgo} AND (b.start < ${dayAgoHour} OR b.start >= r.hour_until)))
      GROUP BY 1
    )
    SELECT 'day' AS kind, series_key, day, count, histogram FROM daily
    UNION ALL SELECT kind, series_key, NULL, count, histogram FROM windows
    UNION ALL SELECT 'recent24h', series_key, NULL, count, histogram FROM last24h`;
}

/** The annotations in the board's 35 days, one row per (annotation, integration point) among `seriesKeys`. */
function annotationsOf(seriesKeys: string[], now: Date) {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = new Date(today - (DAYS - 1) * DAY_MS);
  return db().$queryRaw<{ series_key: string; at: Date; kind: string; title: string; link: string | null }[]>`
    SELECT x.id::text AS series_key, a.at, a.kind, a.title, a.link
    FROM annotations a CROSS JOIN LATERAL unnest(a.integration_ids) AS x(id)
    WHERE a.at >= ${from} AND a.at < ${now} AND x.id::text = ANY(${seriesKeys})
    ORDER BY a.at`;
}

/** The drift rows of every live integration point (of one team), unranked and unauthorized: for trusted callers. */
export async function estateDrift(now = new Date(), team?: string): Promise<DriftRow[]> {
  const declared = await db().$queryRaw<Declared[]>`
    SELECT ip.id::text AS series_key, ip.key, s.slug AS source, t.slug AS target, tm.slug AS team, ip.budget_p99_ms,
           CASE WHEN h.status = 'silent' THEN h.last_seen_at END AS silent_since
    FROM integration_points ip
    JOIN services s ON s.id = ip.source_service_id
    JOIN services t ON t.id = ip.target_service_id
    JOIN teams tm ON tm.id = s.team_id
    LEFT JOIN integration_health h ON h.integration_id = ip.id
    WHERE ip.lifecycle <> 'retired' AND (${team ?? null}::text IS NULL OR tm.slug = ${team ?? null})`;
  if (!declared.length) return [];
  const seriesKeys = declared.map((d) => d.series_key);
  const [rows, marks] = await Promise.all([telemetry(seriesKeys, now), annotationsOf(seriesKeys, now)]);
  const marksOf = new Map<string, { at: string; kind: string; title: string; link: string | null }[]>();
  for (const m of marks) marksOf.set(m.series_key, [...(marksOf.get(m.series_key) ?? []), { at: m.at.toISOString(), kind: m.kind, title: m.title, link: m.link }]);
  const p99 = new Map<string, number | null>();
  const days = new Map<string, Map<string, { count: number; p99Ms: number | null }>>();
  for (const r of rows) {
    if (r.kind !== "day") {
      p99.set(`${r.series_key} ${r.kind}`, quantile(r.histogram, 0.99));
      continue;
    }
    const byDay = days.get(r.series_key) ?? new Map<string, { count: number; p99Ms: number | null }>();
    byDay.set(r.day!.toISOString().slice(0, 10), { count: Number(r.count), p99Ms: quantile(r.histogram, 0.99) });
    days.set(r.series_key, byDay);
  }
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const calendar = Array.from({ length: DAYS }, (_, i) => new Date(today - (DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  return declared.map((d) => {
    const byDay = days.get(d.series_key);
    const daily = calendar.map((day) => {
      const v = byDay?.get(day);
      return { day, p99Ms: v?.p99Ms === null || v === undefined ? null : Math.round(v.p99Ms * 1000) / 1000, count: v?.count ?? 0 };
    });
    const figures = driftFigures({
      budgetP99Ms: d.budget_p99_ms,
      baselineP99Ms: p99.get(`${d.series_key} baseline`) ?? null,
      recent7dP99Ms: p99.get(`${d.series_key} recent7d`) ?? null,
      recent24hP99Ms: p99.get(`${d.series_key} recent24h`) ?? null,
      daily,
    });
    const annotations = annotateDrift(marksOf.get(d.series_key) ?? [], figures);
    return { key: d.key, sourceService: d.source, targetService: d.target, team: d.team, budgetP99Ms: d.budget_p99_ms, ...figures, daily, silentSince: d.silent_since?.toISOString() ?? null, annotations };
  });
}

export async function driftBoard(actor: Actor, options: { now?: Date; sort?: DriftSort; team?: string; limit?: number } = {}): Promise<DriftBoard> {
  authorize(actor, "catalog:read");
  const now = options.now ?? new Date();
  const ranked = rankDrift(await estateDrift(now, options.team), options.sort ?? "drift");
  return { generatedAt: now.toISOString(), items: options.limit ? ranked.slice(0, options.limit) : ranked };
}
