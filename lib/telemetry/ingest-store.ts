// Where ingestion writes: the body's receipt, the minute buckets, their exemplars and the intake counts, each through
// one upsert builder, so a 200 means committed, a retry of the same body counts nothing, and two
// servers adding to one bucket merge under PostgreSQL's row lock instead of overwriting each other.
// Both ways of committing a batch check the catalog stamp it was attributed with and use the same
// builders; they differ only in how they lock: one statement (its row locks, held only for itself),
// or a transaction that first takes the locks of the state it reads (lag halves, series states).
import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { CATALOG_STAMP } from "./catalog-matches";
import { cumulativeDelta, stateOf, type SeriesState } from "./cumulative";
import type { BatchBucket, BatchCounts, IngestBatch } from "./ingest-batch";
import { emptyHistogram } from "./histogram";
import type { DeltaPoint } from "./metrics-fold";
import type { Signal } from "./ingest-counts";
import type { OtlpSignal } from "./otlp-codec";
import type { MetricPoint } from "./otlp-metrics";
import { applyAttempts, type Attempt } from "./retries";

export type Tx = Prisma.TransactionClient;
export type CommitOutcome = "claimed" | "retry" | "stale";

export const arrivalMinute = (nowMs = Date.now()) => new Date(Math.floor(nowMs / 60_000) * 60_000);

// ---- One upsert builder per table. `when` guards each: the receipt was claimed, however that is known. ----

/** ingest_receipts: claims the digest (RETURNING it only when new). */
const claimReceipt = (digest: string, when: Prisma.Sql) =>
  Prisma.sql`INSERT INTO ingest_receipts (digest) SELECT ${digest} WHERE ${when} ON CONFLICT (digest) DO NOTHING RETURNING digest`;

/** retry_calls: adds the batch's attempts to their logical calls (one row each, in key order: the lock order), returning each call's state after and before. */
function addCalls(attempts: Attempt[], when: Prisma.Sql) {
  // The batch's own attempts of each call merged first (applyAttempts' rule), so no row is upserted twice.
  const { states } = applyAttempts(new Map(), attempts);
  const keys = [...states.keys()].sort();
  const calls = keys.map((k) => states.get(k)!);
  return Prisma.sql`
  INSERT INTO retry_calls AS c (call_key, series_key, minute, spans, max_resend)
  SELECT a.k, a.s, a.m, a.n, a.r
  FROM unnest(${keys}::text[], ${calls.map((c) => c.seriesKey)}::text[], ${calls.map((c) => new Date(c.minuteMs).toISOString())}::timestamptz[],
              ${calls.map((c) => c.spans)}::int[], ${calls.map((c) => c.maxResend)}::int[]) AS a(k, s, m, n, r)
  WHERE ${when}
  ORDER BY a.k COLLATE "C"
  ON CONFLICT (call_key) DO UPDATE SET
    prev_minute = c.minute, prev_spans = c.spans, prev_max_resend = c.max_resend,
    minute = LEAST(c.minute, EXCLUDED.minute), spans = c.spans + EXCLUDED.spans, max_resend = GREATEST(c.max_resend, EXCLUDED.max_resend),
    updated_at = now()
  RETURNING series_key, minute, spans, max_resend, prev_minute, prev_spans, prev_max_resend`;
}

/**
 * What the calls' upsert (CTE `calls`) moves, per minute, as attempt counts: a call leaves its old
 * entry (−1 under its old attempts, in its old minute; prev_spans 0 is a new call) for its new one
 * (+1) — applyAttempts' deltas, computed from the row as locked, so a concurrent writer's call is
 * moved from where that writer left it. Entries that cancel out are dropped, like addAttemptCounts.
 */
const retryDeltas = Prisma.sql`
    moved AS (
      SELECT d.series_key, d.start, d.attempts::text AS k, sum(d.n) AS n
      FROM (SELECT series_key, minute AS start, GREATEST(spans, max_resend + 1) AS attempts, 1 AS n FROM calls
            UNION ALL
            SELECT series_key, prev_minute, GREATEST(prev_spans, prev_max_resend + 1), -1 FROM calls WHERE prev_spans > 0) AS d
      GROUP BY 1, 2, 3
      HAVING sum(d.n) <> 0),
    retried AS (SELECT series_key, start, jsonb_object_agg(k, n) AS attempt_counts FROM moved GROUP BY 1, 2)`;

const EMPTY_HISTOGRAM = JSON.stringify(emptyHistogram());

/**
 * latency_buckets: adds minute buckets; with `retried`, joined with the CTE of that name (the minutes
 * the batch's logical calls move, which may be minutes the batch has no call in). Rows are locked in
 * one order for every writer, (series, minute) by byte, so concurrent writers cannot deadlock.
 */
function addBuckets(buckets: BatchBucket[], when: Prisma.Sql, retried: boolean) {
  const [series, start] = retried ? [Prisma.sql`coalesce(b.series_key, r.series_key)`, Prisma.sql`coalesce(b.start, r.start)`] : [Prisma.sql`b.series_key`, Prisma.sql`b.start`];
  return Prisma.sql`
  INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram, approximate_count, throttled, attempt_counts)
  SELECT ${series}, 'minute', ${start}, ${
    retried
      ? Prisma.sql`coalesce(b.count, 0), coalesce(b.errors, 0), coalesce(b.histogram, ${EMPTY_HISTOGRAM}::jsonb), coalesce(b.approximate, 0), coalesce(b.throttled, 0),
    edgewise_add_counts(b.attempt_counts, r.attempt_counts)`
      : Prisma.sql`b.count, b.errors, b.histogram, b.approximate, b.throttled, b.attempt_counts`
  }
  FROM unnest(${buckets.map((b) => b.seriesKey)}::text[], ${buckets.map((b) => new Date(b.startMs).toISOString())}::timestamptz[],
              ${buckets.map((b) => b.count)}::bigint[], ${buckets.map((b) => b.errors)}::bigint[],
              ${buckets.map((b) => JSON.stringify(b.histogram))}::jsonb[], ${buckets.map((b) => b.approximate ?? 0)}::bigint[],
              ${buckets.map((b) => b.throttled ?? 0)}::bigint[], ${buckets.map((b) => JSON.stringify(b.attemptCounts ?? {}))}::jsonb[])
       AS b(series_key, start, count, errors, histogram, approximate, throttled, attempt_counts)
  ${retried ? Prisma.sql`FULL JOIN retried r ON r.series_key = b.series_key AND r.start = b.start` : Prisma.empty}
  WHERE ${when}
  ORDER BY ${series} COLLATE "C", ${start}
  ON CONFLICT (series_key, resolution, start) DO UPDATE SET
    count = latency_buckets.count + EXCLUDED.count,
    errors = latency_buckets.errors + EXCLUDED.errors,
    histogram = edgewise_merge_histogram(latency_buckets.histogram, EXCLUDED.histogram),
    approximate_count = latency_buckets.approximate_count + EXCLUDED.approximate_count,
    throttled = latency_buckets.throttled + EXCLUDED.throttled,
    attempt_counts = edgewise_add_counts(latency_buckets.attempt_counts, EXCLUDED.attempt_counts),
    updated_at = now()
  RETURNING 1`;
}

/** latency_exemplars: merges each bucket's exemplars into its minute's (edgewise_merge_exemplars keeps at most eight). */
function addExemplars(buckets: BatchBucket[], when: Prisma.Sql) {
  const withExemplars = buckets.filter((b) => b.exemplars.length > 0);
  return Prisma.sql`
  INSERT INTO latency_exemplars (series_key, start, exemplars)
  SELECT e.series_key, e.start, e.exemplars
  FROM unnest(${withExemplars.map((b) => b.seriesKey)}::text[], ${withExemplars.map((b) => new Date(b.startMs).toISOString())}::timestamptz[],
              ${withExemplars.map((b) => JSON.stringify(b.exemplars))}::jsonb[]) AS e(series_key, start, exemplars)
  WHERE ${when}
  ON CONFLICT (series_key, resolution, start) DO UPDATE SET exemplars = edgewise_merge_exemplars(latency_exemplars.exemplars, EXCLUDED.exemplars), updated_at = now()
  RETURNING 1`;
}

interface CountRow {
  outcome: string;
  n: number;
  /** Counted when the receipt is new (else when it is a retry). */
  isNew: boolean;
}

/** The rows of a batch's counts, in one lock order (by outcome), as every writer of ingest_counts takes them. */
function countRows(counts: BatchCounts): CountRow[] {
  const rows = [
    ...Object.entries(counts.ifNew).map(([outcome, n]) => ({ outcome, n, isNew: true })),
    ...Object.entries(counts.ifRetry).map(([outcome, n]) => ({ outcome, n, isNew: false })),
  ];
  return rows.filter((r) => r.n > 0).sort((a, b) => (a.outcome < b.outcome ? -1 : a.outcome > b.outcome ? 1 : 0));
}

/** ingest_counts: adds this minute's counts, the rows whose `isNew` equals `claimed` (an SQL boolean), if `when`. */
const addCountRows = (signal: Signal, rows: CountRow[], claimed: Prisma.Sql, when = Prisma.sql`TRUE`, nowMs = Date.now()) => Prisma.sql`
  INSERT INTO ingest_counts (minute, signal, outcome, count)
  SELECT ${arrivalMinute(nowMs)}, ${signal}, c.outcome, c.n
  FROM unnest(${rows.map((r) => r.outcome)}::text[], ${rows.map((r) => r.n)}::bigint[], ${rows.map((r) => r.isNew)}::boolean[]) AS c(outcome, n, is_new)
  WHERE c.is_new = (${claimed}) AND ${when}
  ON CONFLICT (signal, outcome, minute) DO UPDATE SET count = ingest_counts.count + EXCLUDED.count, updated_at = now()
  RETURNING 1`;

/** Adds counts outside any batch (the whole-request rejections tallied in memory), in `tx`. */
export async function addCounts(tx: Tx, signal: Signal, outcomes: Record<string, number>, nowMs = Date.now()): Promise<void> {
  const rows = countRows({ ifNew: outcomes, ifRetry: {} });
  if (rows.length) await tx.$executeRaw(addCountRows(signal, rows, Prisma.sql`TRUE`, Prisma.sql`TRUE`, nowMs));
}

/** The head both ways of committing share: is the catalog still the one attributed with, and is the receipt new? */
const head = (digest: string, stamp: string | null) => Prisma.sql`
  fresh AS (SELECT ${stamp === null ? Prisma.sql`TRUE` : Prisma.sql`${CATALOG_STAMP} = ${stamp}`} AS ok),
  claim AS (${claimReceipt(digest, Prisma.sql`(SELECT ok FROM fresh)`)})`;

const outcomeOf = (row: { fresh: boolean; claimed: boolean } | undefined): CommitOutcome => (!row!.fresh ? "stale" : row!.claimed ? "claimed" : "retry");

/**
 * A batch that reads no stored state, as one statement: the receipt claimed, then — only if it was
 * new — the buckets added and the intake counted; a retry counts as a duplicate; with a stale catalog
 * nothing at all. A statement is atomic on its own, and it holds the hot rows (this minute's bucket
 * and counts, which every exporter writes) only for itself and its commit, not across round trips.
 * `stamp` null: written whatever the catalog.
 */
export async function commitStatement(batch: IngestBatch, stamp: string | null): Promise<CommitOutcome> {
  const claimed = Prisma.sql`EXISTS (SELECT FROM claim)`;
  const [row] = await db().$queryRaw<{ fresh: boolean; claimed: boolean }[]>`
    WITH ${head(batch.digest, stamp)}, ${upserts(batch, claimed, Prisma.sql`(SELECT ok FROM fresh)`)}
    SELECT (SELECT ok FROM fresh) AS fresh, ${claimed} AS claimed, ${upserted}`;
  return outcomeOf(row);
}

/**
 * The batch's logical calls, buckets, exemplars and counts as the CTEs of one statement: the hot rows
 * (this minute's bucket and counts, which every exporter writes) are locked by it and held only until
 * its commit. The calls are all upserted before any bucket (the buckets' rows are sorted, which needs
 * every moved minute first): calls, then buckets, the order of every writer.
 */
function upserts(batch: IngestBatch, claimed: Prisma.Sql, fresh: Prisma.Sql) {
  const retried = batch.attempts.length > 0;
  return Prisma.sql`
    ${retried ? Prisma.sql`calls AS (${addCalls(batch.attempts, claimed)}), ${retryDeltas},` : Prisma.empty}
    added AS (${addBuckets(batch.buckets, claimed, retried)}),
    noted AS (${addExemplars(batch.buckets, claimed)}),
    counted AS (${addCountRows(batch.signal, countRows(batch.counts), claimed, fresh)})`;
}
const upserted = Prisma.sql`(SELECT count(*) FROM added) AS added, (SELECT count(*) FROM noted) AS noted, (SELECT count(*) FROM counted) AS counted`;

/**
 * A batch that depends on stored state, in one transaction: the same head, then `underLock` takes the
 * locks of what it reads and completes the batch (pairs deliveries, turns cumulative points into
 * deltas), then the same upserts. `retryCounts` are what a retry counts (the batch is not needed for it).
 */
export async function commitLocked(
  signal: OtlpSignal,
  digest: string,
  stamp: string | null,
  retryCounts: Record<string, number>,
  underLock: (tx: Tx) => Promise<IngestBatch>,
): Promise<{ outcome: CommitOutcome; batch: IngestBatch | null }> {
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ fresh: boolean; claimed: boolean }[]>`WITH ${head(digest, stamp)} SELECT (SELECT ok FROM fresh) AS fresh, EXISTS (SELECT FROM claim) AS claimed`;
    const outcome = outcomeOf(row);
    if (outcome === "stale") return { outcome, batch: null };
    if (outcome === "retry") {
      await tx.$executeRaw(addCountRows(signal, countRows({ ifNew: {}, ifRetry: retryCounts }), Prisma.sql`FALSE`));
      return { outcome, batch: null };
    }
    const batch = await underLock(tx);
    // Last and as one statement: the hot rows are then held for one round trip and the commit, not
    // across the reads above (every batch that groups retries comes this way, so this is the common path).
    await tx.$queryRaw`WITH ${upserts(batch, Prisma.sql`TRUE`, Prisma.sql`TRUE`)} SELECT ${upserted}`;
    return { outcome, batch };
  });
}

/** What a request's cumulative points add: each series' points in time order against its locked state. */
export async function cumulativeDeltas(tx: Tx, points: MetricPoint[]): Promise<DeltaPoint[]> {
  const bySeries = new Map<string, MetricPoint[]>();
  for (const p of points) {
    const hash = createHash("sha256").update(p.seriesId).digest("hex");
    bySeries.set(hash, [...(bySeries.get(hash) ?? []), p]);
  }
  const hashes = [...bySeries.keys()].sort();
  // Placeholder rows first, so a series nobody has seen can be locked too; then lock them all, in one
  // order. Another server holding a series waits here until it commits, then we read its state.
  await tx.$executeRaw`INSERT INTO metric_series_state (series_hash) SELECT h FROM unnest(${hashes}::text[]) AS h ORDER BY h ON CONFLICT (series_hash) DO NOTHING`;
  const rows = await tx.$queryRaw<{ series_hash: string; state: SeriesState | null }[]>`
    SELECT series_hash, state FROM metric_series_state WHERE series_hash = ANY(${hashes}::text[]) ORDER BY series_hash FOR UPDATE`;
  const states = new Map(rows.map((r) => [r.series_hash, r.state]));
  const deltas: DeltaPoint[] = [];
  const changed: [string, string][] = [];
  for (const hash of hashes) {
    let state = states.get(hash) ?? null;
    const before = state;
    for (const point of bySeries.get(hash)!.sort((a, b) => (a.timeUnixNano < b.timeUnixNano ? -1 : a.timeUnixNano > b.timeUnixNano ? 1 : 0))) {
      const outcome = cumulativeDelta(state, point);
      if (outcome.kind === "delta") deltas.push({ point: outcome.point, exactStats: outcome.exactStats });
      if (outcome.kind === "delta" || outcome.why !== "stale") state = stateOf(point);
    }
    if (state !== before) changed.push([hash, JSON.stringify(state)]);
  }
  if (changed.length) {
    await tx.$executeRaw`
      UPDATE metric_series_state s SET state = v.state::jsonb, updated_at = now()
      FROM unnest(${changed.map((c) => c[0])}::text[], ${changed.map((c) => c[1])}::text[]) AS v(hash, state)
      WHERE s.series_hash = v.hash`;
  }
  return deltas;
}

/** Forgets receipts older than an hour, the window a collector retries in. */
export async function pruneReceipts(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM ingest_receipts WHERE received_at < ${new Date(now.getTime() - 3_600_000)}`;
}

/** Forgets series silent for a day: if one comes back, its next point is a first point again. */
export async function pruneSeriesStates(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM metric_series_state WHERE updated_at < ${new Date(now.getTime() - 86_400_000)}`;
}

/** Forgets counts older than a week (Settings shows the last day). */
export async function pruneCounts(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM ingest_counts WHERE minute < ${new Date(now.getTime() - 7 * 86_400_000)}`;
}
