// Rolls minute buckets up into five-minute buckets and hours, and hours into days, and drops what is
// past retention. Runs on a schedule inside the server (instrumentation.ts) and catches up after
// downtime: it remembers how far each resolution is rolled and recomputes from a little before that,
// so late spans are included. Recomputing replaces the coarser bucket, so running twice changes nothing.
import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readDb } from "@/lib/db/replicas";

// Arbitrary constant: one roller at a time across server instances.
const ROLLUP_LOCK = 7_220_415_003;

/** How far back each roll-up recomputes on every pass (late spans land there): coarse buckets younger than this may still change. */
export const ROLLUP_MARGIN_MS = { five_minute: 2 * 3_600_000, hour: 2 * 3_600_000, day: 2 * 86_400_000 } as const;

type Tier = keyof typeof ROLLUP_MARGIN_MS;
export type Settled = Record<Tier, Date>;

/**
 * Where each tier's buckets are settled (older ones are exact merges of what they roll up; newer
 * ones are read from minutes): how far it is rolled, less its margin. Five-minute buckets and days
 * no later than hours: the five-minute pass runs to the last five minutes, the hourly one to the last
 * hour, and a span later than the margin then reaches neither — so every tier gives way to minutes at
 * the same point and a chart reads the same calls whatever its step. (Days roll from hours.)
 */
export function settledLines(rolled: Partial<Record<Tier, Date | null>>): Settled {
  const line = (tier: Tier) => (rolled[tier]?.getTime() ?? 0) - ROLLUP_MARGIN_MS[tier];
  const hour = line("hour");
  return { five_minute: new Date(Math.min(line("five_minute"), hour)), hour: new Date(hour), day: new Date(Math.min(line("day"), hour)) };
}

/**
 * How far each tier is rolled up, the epoch where it never was (readers bound their bucket ranges by
 * it). Read where the buckets are read: on a replica, its own roll-up line matches its own buckets.
 */
export async function readRolledUntil(): Promise<Record<Tier, Date>> {
  return (await readRollupPasses()).until;
}

/**
 * How far each tier is rolled up, and when its last pass wrote (the epoch where none did). Only a pass
 * writes five-minute, hour and day buckets, in the transaction that moves its `updated_at`: so buckets
 * of those tiers read after the same pass are the same buckets.
 */
export async function readRollupPasses(): Promise<{ until: Record<Tier, Date>; passedAt: Record<Tier, Date> }> {
  const rows = await readDb().$queryRaw<{ resolution: Tier; rolled_until: Date; updated_at: Date }[]>`SELECT resolution, rolled_until, updated_at FROM telemetry_rollups`;
  const of = (tier: Tier, column: "rolled_until" | "updated_at") => rows.find((r) => r.resolution === tier)?.[column] ?? new Date(0);
  const tiers = (column: "rolled_until" | "updated_at") => ({ five_minute: of("five_minute", column), hour: of("hour", column), day: of("day", column) });
  return { until: tiers("rolled_until"), passedAt: tiers("updated_at") };
}

/** The settled lines as the roll-up has left them. */
export async function readSettledLines(): Promise<Settled> {
  return settledLines(await readRolledUntil());
}

// Each tier is binned on the Unix epoch in UTC, as the latency reads align their steps.
const STEPS = [
  { target: "five_minute", source: "minute", bin: "5 minutes", marginMs: ROLLUP_MARGIN_MS.five_minute },
  { target: "hour", source: "minute", bin: "1 hour", marginMs: ROLLUP_MARGIN_MS.hour },
  { target: "day", source: "hour", bin: "1 day", marginMs: ROLLUP_MARGIN_MS.day },
] as const;

export interface RollupResult {
  ran: boolean;
  rolled: Record<"five_minute" | "hour" | "day", number>;
  pruned: Record<"minute" | "five_minute" | "hour", number>;
}

export async function rollUp(now = new Date()): Promise<RollupResult> {
  const result: RollupResult = { ran: false, rolled: { five_minute: 0, hour: 0, day: 0 }, pruned: { minute: 0, five_minute: 0, hour: 0 } };
  await db().$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${ROLLUP_LOCK}) AS locked`;
      if (!lock?.locked) return; // another instance is rolling up right now
      result.ran = true;
      for (const step of STEPS) {
        const [bounds] = await tx.$queryRaw<{ from: Date | null; to: Date }[]>`
          SELECT coalesce(
                   (SELECT rolled_until - make_interval(secs => ${step.marginMs / 1000}) FROM telemetry_rollups WHERE resolution = ${step.target}),
                   (SELECT date_bin(${step.bin}::interval, min(start), 'epoch') FROM latency_buckets WHERE resolution = ${step.source})
                 ) AS "from",
                 date_bin(${step.bin}::interval, ${now}::timestamptz, 'epoch') AS "to"`;
        if (!bounds?.from || bounds.from >= bounds.to) continue;
        result.rolled[step.target] = await tx.$executeRaw`
          INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram, approximate_count, throttled, attempt_counts, updated_at)
          SELECT series_key, ${step.target}, date_bin(${step.bin}::interval, start, 'epoch'), sum(count), sum(errors), edgewise_histogram_agg(histogram), sum(approximate_count),
                 sum(throttled), edgewise_counts_agg(attempt_counts), now()
          FROM latency_buckets
          WHERE resolution = ${step.source} AND start >= ${bounds.from} AND start < ${bounds.to}
          GROUP BY 1, 3 -- positions: one parameter placeholder in SELECT and GROUP BY would not match
          ON CONFLICT (series_key, resolution, start) DO UPDATE SET
            count = EXCLUDED.count, errors = EXCLUDED.errors, histogram = EXCLUDED.histogram, approximate_count = EXCLUDED.approximate_count,
            throttled = EXCLUDED.throttled, attempt_counts = EXCLUDED.attempt_counts, updated_at = now()`;
        // Exemplars roll up with hours and days (five-minute buckets only speed up reads).
        if (step.target !== "five_minute")
          await tx.$executeRaw`
            INSERT INTO latency_exemplars (series_key, resolution, start, exemplars, updated_at)
            SELECT e.series_key, ${step.target}, date_bin(${step.bin}::interval, e.start, 'epoch'), edgewise_rollup_exemplars(jsonb_agg(x)), now()
            FROM latency_exemplars e, jsonb_array_elements(e.exemplars) AS x
            WHERE e.resolution = ${step.source} AND e.start >= ${bounds.from} AND e.start < ${bounds.to}
            GROUP BY 1, 3
            ON CONFLICT (series_key, resolution, start) DO UPDATE SET exemplars = EXCLUDED.exemplars, updated_at = now()`;
        await tx.$executeRaw`
          INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES (${step.target}, ${bounds.to})
          ON CONFLICT (resolution) DO UPDATE SET rolled_until = EXCLUDED.rolled_until, updated_at = now()`;
      }
      // Retention never drops what has not been rolled up yet.
      const e = env();
      result.pruned.minute = await tx.$executeRaw`
        DELETE FROM latency_buckets WHERE resolution = 'minute'
          AND start < ${new Date(now.getTime() - e.EDGEWISE_RETENTION_MINUTE_DAYS * 86_400_000)}
          AND start < (SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'hour')`;
      // Exemplars are kept as long as the buckets of their resolution (days, like day buckets, stay).
      await tx.$executeRaw`
        DELETE FROM latency_exemplars WHERE resolution = 'minute'
          AND start < ${new Date(now.getTime() - e.EDGEWISE_RETENTION_MINUTE_DAYS * 86_400_000)}
          AND start < (SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'hour')`;
      result.pruned.five_minute = await tx.$executeRaw`
        DELETE FROM latency_buckets WHERE resolution = 'five_minute'
          AND start < ${new Date(now.getTime() - e.EDGEWISE_RETENTION_MINUTE_DAYS * 86_400_000)}`;
      result.pruned.hour = await tx.$executeRaw`
        DELETE FROM latency_buckets WHERE resolution = 'hour'
          AND start < ${new Date(now.getTime() - e.EDGEWISE_RETENTION_HOUR_DAYS * 86_400_000)}
          AND start < (SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'day')`;
      await tx.$executeRaw`
        DELETE FROM latency_exemplars WHERE resolution = 'hour'
          AND start < ${new Date(now.getTime() - e.EDGEWISE_RETENTION_HOUR_DAYS * 86_400_000)}
          AND start < (SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'day')`;
    },
    { timeout: 300_000 },
  );
  return result;
}
