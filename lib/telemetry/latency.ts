// Reading latency back: the stored histograms of one integration point, merged into steps
// aligned to multiples of the step since the Unix epoch, with exact counts and percentiles.
import "server-only";
import { Prisma } from "@prisma/client";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { getIntegrationTargets } from "@/lib/catalog/integrations";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { addTally, emptyTally, quantile, type Histogram, type Tally } from "./histogram";
import { addAttemptCounts, retryFigures, type AttemptCounts } from "./retries";
import { settledLines, type Settled } from "./rollup";
import { readDb, withReader } from "@/lib/db/replicas";

const STEP_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_POINTS = 2000;

/** from/to/step over a range, aligned to multiples of the step; shared by the latency and heatmap reads. */
export function rangeQuerySchema(maxPoints: number) {
  return z
    .object({
      from: z.iso.datetime({ offset: true, error: "from is an ISO-8601 date-time" }).optional(),
      to: z.iso.datetime({ offset: true, error: "to is an ISO-8601 date-time" }).optional(),
      step: z
        .string()
        .regex(/^\d{1,4}[mhd]$/, "step is a duration such as 1m, 5m, 1h or 1d")
        .default("5m"),
    })
    .transform((q, ctx) => {
      const stepMs = Number(q.step.slice(0, -1)) * STEP_UNITS[q.step.slice(-1)]!;
      const toMs = q.to ? Date.parse(q.to) : Date.now();
      const fromMs = q.from ? Date.parse(q.from) : toMs - 6 * 3_600_000;
      if (stepMs < 60_000) ctx.addIssue({ code: "custom", path: ["step"], message: "The finest step is 1m" });
      if (fromMs >= toMs) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
      if ((toMs - fromMs) / stepMs > maxPoints) ctx.addIssue({ code: "custom", path: ["step"], message: `At most ${maxPoints} points: choose a larger step` });
      return { fromMs: Math.floor(fromMs / stepMs) * stepMs, toMs, stepMs };
    });
}

export const latencyQuerySchema = rangeQuerySchema(MAX_POINTS);
export type RangeQuery = z.output<typeof latencyQuerySchema>;

export interface LatencyPoint {
  t: string;
  count: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Attempts of the step's logical calls (client spans; retries included) — amplification is attempts / logicalCalls. */
  attempts: number;
  /** Logical calls: the attempts under one parent span to this integration and operation count once. 0 where only the server side is observed. */
  logicalCalls: number;
  /** The most attempts one logical call took. */
  maxAttempts: number;
  /** Calls answered HTTP 429/503 or gRPC RESOURCE_EXHAUSTED/UNAVAILABLE. */
  throttled: number;
  /** Only on a step still filling (it ends after now): how much of it has elapsed, in ms. */
  partialMs?: number;
}

export type Resolution = "minute" | "hour" | "day";
const RESOLUTION_MS: Record<Resolution, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The finest resolution still kept for the whole range (minutes for 14 days, hours for 400, then days). */
export function resolutionFor(fromMs: number, nowMs: number, retention: { minuteDays: number; hourDays: number }): Resolution {
  if (fromMs >= nowMs - retention.minuteDays * 86_400_000) return "minute";
  if (fromMs >= nowMs - retention.hourDays * 86_400_000) return "hour";
  return "day";
}

/**
 * Minutes unless the range starts before this series' first minute bucket while its hours reach
 * further back (a backfill, or minutes pruned past retention): then hours, which cover the range.
 */
export function coveringResolution(kept: Resolution, fromMs: number, firstMinuteMs: number | null, firstHourMs: number | null): Resolution {
  if (kept !== "minute" || firstMinuteMs === null || firstHourMs === null || fromMs >= firstMinuteMs) return kept;
  return firstHourMs < Math.floor(firstMinuteMs / 3_600_000) * 3_600_000 ? "hour" : "minute";
}

/** The stored tiers, finest first: five-minute buckets are kept as long as minutes and only speed up reads. */
export type Tier = Resolution | "five_minute";
const TIER_MS: Record<Tier, number> = { ...RESOLUTION_MS, five_minute: 300_000 };
const ORDER: Tier[] = ["minute", "five_minute", "hour", "day"];
export const coarsest = (a: Tier, b: Tier): Tier => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

/** The coarsest tier whose buckets divide the step. */
export const stepTier = (stepMs: number): Tier => ORDER.filter((t) => stepMs % TIER_MS[t] === 0).at(-1)!;

/**
 * Which stored rows make up a read from `tier`: the coarse buckets up to where they are settled, and
 * the finer ones after that — so the newest hour is never missing or stale and no call counts twice.
 */
export function tierFilter(tier: Tier, settled: Settled) {
  if (tier === "minute") return Prisma.sql`resolution = 'minute'`;
  if (tier === "five_minute") return Prisma.sql`((resolution = 'five_minute' AND start < ${settled.five_minute}) OR (resolution = 'minute' AND start >= ${settled.five_minute}))`;
  if (tier === "hour") return Prisma.sql`((resolution = 'hour' AND start < ${settled.hour}) OR (resolution = 'minute' AND start >= ${settled.hour}))`;
  return Prisma.sql`((resolution = 'day' AND start < ${settled.day}) OR (resolution = 'hour' AND start >= ${settled.day} AND start < ${settled.hour}) OR (resolution = 'minute' AND start >= ${settled.hour}))`;
}

export interface LatencySeries {
  budget: { p50Ms: number | null; p95Ms: number | null; p99Ms: number };
  resolution: Resolution;
  series: LatencyPoint[];
  /** True when some of the range's percentiles come from explicit-bucket (or coarse exponential) metric histograms. */
  approximate: boolean;
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

export interface Step extends Tally {
  throttled: number;
  attemptCounts: AttemptCounts;
}

/**
 * The stored histograms of one series merged per step (keyed by the step's start), read from the
 * finest resolution still kept for the whole range; a step that does not divide it is refused.
 */
/** The finest resolution that covers a series from `fromMs` on, and where each coarse tier is settled. */
export async function readCoverage(seriesKey: string, fromMs: number): Promise<{ resolution: Resolution; settled: Settled }> {
  const e = env();
  const kept = resolutionFor(fromMs, Date.now(), { minuteDays: e.EDGEWISE_RETENTION_MINUTE_DAYS, hourDays: e.EDGEWISE_RETENTION_HOUR_DAYS });
  const [seen] = await readDb().$queryRaw<{ minute: Date | null; hour: Date | null; five_minute_rolled: Date | null; hour_rolled: Date | null; day_rolled: Date | null }[]>`
    SELECT (SELECT min(start) FROM latency_buckets WHERE series_key = ${seriesKey} AND resolution = 'minute') AS minute,
           (SELECT min(start) FROM latency_buckets WHERE series_key = ${seriesKey} AND resolution = 'hour') AS hour,
           (SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'five_minute') AS five_minute_rolled,
           (SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'hour') AS hour_rolled,
           (SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'day') AS day_rolled`;
  const resolution = coveringResolution(kept, fromMs, seen?.minute?.getTime() ?? null, seen?.hour?.getTime() ?? null);
  return { resolution, settled: settledLines({ five_minute: seen?.five_minute_rolled, hour: seen?.hour_rolled, day: seen?.day_rolled }) };
}

export async function readSteps(seriesKey: string, query: RangeQuery): Promise<{ resolution: Resolution; steps: Map<number, Step>; approximate: boolean }> {
  const { resolution, settled } = await readCoverage(seriesKey, query.fromMs);
  if (query.stepMs % RESOLUTION_MS[resolution] !== 0) {
    const at = resolution === "hour" ? "1h" : "1d";
    throw new AppError("validation_failed", `This range reaches back past the ${resolution === "hour" ? "minute" : "hour"} data kept; use a step that is a multiple of ${at}`, [
      { path: "step", message: `A multiple of ${at}` },
    ]);
  }
  // Read the coarsest tier the step allows (an hour is the exact merge of its minutes, so the answer is
  // the same): a 90-day chart moves 90 rows, not 130,000, and a 24-hour one at 15-minute steps about
  // 400 instead of 1,440. They are merged per step here rather than by edgewise_histogram_agg, whose
  // per-group cost (a set-based merge for every step, even of one row) was most of a chart's time.
  // Coarse buckets only where they are settled: each roll-up pass recomputes its last margin, so the
  // newest buckets may lag what was ingested into them a moment ago — those come from minutes.
  const tier = coarsest(resolution, stepTier(query.stepMs));
  const rows = await readDb().$queryRaw<{ start: Date; count: bigint; errors: bigint; histogram: Histogram; approximate_count: bigint; throttled: bigint; attempt_counts: AttemptCounts }[]>`
    SELECT start, count, errors, histogram, approximate_count, throttled, attempt_counts
    FROM latency_buckets
    WHERE series_key = ${seriesKey} AND start >= ${new Date(query.fromMs)} AND start < ${new Date(query.toMs)}
      AND ${tierFilter(tier, settled)}`;
  const steps = new Map<number, Step>();
  let approximate = false;
  for (const row of rows) {
    const t = Math.floor(row.start.getTime() / query.stepMs) * query.stepMs;
    let step = steps.get(t);
    if (!step) steps.set(t, (step = { ...emptyTally(), throttled: 0, attemptCounts: {} }));
    addTally(step, row);
    step.throttled += Number(row.throttled);
    step.attemptCounts = addAttemptCounts(step.attemptCounts, row.attempt_counts);
    // Some observations came from coarse metric buckets (explicit bounds): percentiles are approximate.
    if (row.approximate_count > 0n) approximate = true;
  }
  return { resolution, steps, approximate };
}

/** All of a series' calls over a range in one tally: hour steps, or day steps where only days are kept. */
export async function rangeTally(seriesKey: string, fromMs: number, toMs: number): Promise<Tally> {
  const HOUR_MS = 3_600_000;
  const DAY_MS = 86_400_000;
  let read;
  try {
    read = await readSteps(seriesKey, { fromMs: Math.floor(fromMs / HOUR_MS) * HOUR_MS, toMs, stepMs: HOUR_MS });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "validation_failed") throw err;
    read = await readSteps(seriesKey, { fromMs: Math.floor(fromMs / DAY_MS) * DAY_MS, toMs, stepMs: DAY_MS });
  }
  const tally = emptyTally();
  for (const step of read.steps.values()) addTally(tally, step);
  return tally;
}

export async function latencySeries(actor: Actor, key: string, query: RangeQuery): Promise<LatencySeries> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const view = await getIntegrationTargets(actor, key);
    const { resolution, steps, approximate } = await readSteps(view.id, query);
    const series: LatencyPoint[] = [];
    const nowMs = Date.now();
    for (let t = query.fromMs; t < query.toMs; t += query.stepMs) {
      const s = steps.get(t);
      const partial = t <= nowMs && t + query.stepMs > nowMs;
      const retries = retryFigures(s?.attemptCounts ?? {});
      series.push({
        ...(partial ? { partialMs: nowMs - t } : {}),
        t: new Date(t).toISOString(),
        count: s?.count ?? 0,
        errors: s?.errors ?? 0,
        p50: s ? round(quantile(s.histogram, 0.5)) : null,
        p95: s ? round(quantile(s.histogram, 0.95)) : null,
        p99: s ? round(quantile(s.histogram, 0.99)) : null,
        attempts: retries.attempts,
        logicalCalls: retries.logicalCalls,
        maxAttempts: retries.maxAttempts,
        throttled: s?.throttled ?? 0,
      });
    }
    return { budget: view.budget, resolution, series, approximate };
  });
}
