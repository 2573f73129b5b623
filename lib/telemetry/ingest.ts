// OTLP trace and metric ingestion: decode, attribute, fold, and write every bucket plus the body's
// receipt (and the intake counts) in one transaction — so a 200 means committed, a retry of the same
// body counts nothing, and two servers writing the same bucket merge under PostgreSQL's row lock
// instead of overwriting each other.
import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { pairableHalves, pairDeliveries, pruneLagHalves } from "./async-pairing";
import type { TelemetryMatch } from "./attribute";
import { cumulativeDelta, stateOf, type SeriesState } from "./cumulative";
import { foldSpans, type FoldedBucket } from "./fold";
import { addCounts, arrivalMinute, pruneCounts, type Signal } from "./ingest-counts";
import { foldMetricPoints, roleOf, type DeltaPoint } from "./metrics-fold";
import type { OtlpCodec, OtlpSignal } from "./otlp-codec";
import type { TraceRequest } from "./otlp-json";
import type { MetricPoint, MetricsRequest } from "./otlp-metrics";

export interface IngestResult {
  accepted: number;
  rejected: number;
  duplicate: boolean;
  message: string | null;
}

let matchCache: { stamp: string; matches: TelemetryMatch[] } | null = null;

/** What changes whenever a declaration that attribution reads does: compared, never parsed. */
const CATALOG_STAMP = Prisma.sql`concat((SELECT concat(count(*), max(updated_at)) FROM integration_points), '|',
                                        (SELECT concat(count(*), max(updated_at)) FROM services))`;

/** Telemetry matches of every live integration (names default to the services' telemetry names). */
async function telemetryMatches(): Promise<{ stamp: string; matches: TelemetryMatch[] }> {
  const [row] = await db().$queryRaw<{ stamp: string }[]>`SELECT ${CATALOG_STAMP} AS stamp`;
  const stamp = row?.stamp ?? "";
  if (matchCache && matchCache.stamp === stamp) return matchCache;
  const rows = await db().$queryRaw<{ id: string; operation: string; style: string; source: string; target: string; semantics: { telemetry?: { sourceName?: string | null; targetName?: string | null; operation?: string | null; side?: "client" | "server" } | null } }[]>`
    SELECT ip.id, ip.operation, ip.style, s.telemetry_name AS source, t.telemetry_name AS target, ip.semantics
    FROM integration_points ip
    JOIN services s ON s.id = ip.source_service_id
    JOIN services t ON t.id = ip.target_service_id
    WHERE ip.lifecycle <> 'retired'`;
  const matches = rows.map((r) => ({
    key: r.id,
    sourceName: r.semantics.telemetry?.sourceName ?? r.source,
    targetName: r.semantics.telemetry?.targetName ?? r.target,
    operation: r.semantics.telemetry?.operation ?? null,
    declaredOperation: r.operation,
    side: r.semantics.telemetry?.side ?? "client",
    // Asynchronous integrations are held to their budget by delivery lag; hybrid ones by their synchronous acknowledgement.
    lag: r.style !== "sync" && r.style !== "hybrid",
  }));
  matchCache = { stamp, matches };
  return matchCache;
}

export const bodyDigest = (body: Buffer) => createHash("sha256").update(body).digest("hex");

type Tx = Prisma.TransactionClient;

/** Claims the body's digest; false when the same body was already folded in (a retry). */
async function claimReceipt(tx: Tx, digest: string): Promise<boolean> {
  return (await tx.$executeRaw`INSERT INTO ingest_receipts (digest) VALUES (${digest}) ON CONFLICT (digest) DO NOTHING`) > 0;
}

/** Adds minute buckets into latency_buckets; `approximate` per bucket when some came from coarse histograms. */
async function writeBuckets(tx: Tx, buckets: (FoldedBucket & { approximate?: number })[]): Promise<void> {
  for (let i = 0; i < buckets.length; i += 500) {
    const rows = buckets
      .slice(i, i + 500)
      .map((b) => Prisma.sql`(${b.seriesKey}, 'minute', ${new Date(b.startMs)}, ${b.count}, ${b.errors}, ${JSON.stringify(b.histogram)}::jsonb, ${b.approximate ?? 0})`);
    await tx.$executeRaw`
      INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram, approximate_count)
      VALUES ${Prisma.join(rows)}
      ON CONFLICT (series_key, resolution, start) DO UPDATE SET
        count = latency_buckets.count + EXCLUDED.count,
        errors = latency_buckets.errors + EXCLUDED.errors,
        histogram = edgewise_merge_histogram(latency_buckets.histogram, EXCLUDED.histogram),
        approximate_count = latency_buckets.approximate_count + EXCLUDED.approximate_count,
        updated_at = now()`;
  }
}

/**
 * A batch that pairs no deliveries, committed as one statement: the receipt claimed, then — only if
 * it was new — the buckets added and the intake counted; a retry counts as a duplicate. A statement
 * is atomic on its own, and it holds the hot rows (this minute's bucket and counts, which every
 * exporter writes) only for itself and its commit, not across an interactive transaction's round trips.
 */
async function commitBatch(
  stamp: string,
  digest: string,
  buckets: FoldedBucket[],
  signal: Signal,
  ifNew: Record<string, number>,
  ifRetry: Record<string, number>,
): Promise<"claimed" | "retry" | "stale"> {
  const outcomes = [
    ...Object.entries(ifNew).filter(([, n]) => n > 0).map(([outcome, n]) => ({ outcome, n, isNew: true })),
    ...Object.entries(ifRetry).filter(([, n]) => n > 0).map(([outcome, n]) => ({ outcome, n, isNew: false })),
  ].sort((a, b) => (a.outcome < b.outcome ? -1 : a.outcome > b.outcome ? 1 : 0)); // one lock order, as addCounts takes them
  const [row] = await db().$queryRaw<{ fresh: boolean; claimed: boolean }[]>`
    WITH fresh AS (
      SELECT ${CATALOG_STAMP} = ${stamp} AS ok
    ), claim AS (
      INSERT INTO ingest_receipts (digest) SELECT ${digest} WHERE (SELECT ok FROM fresh) ON CONFLICT (digest) DO NOTHING RETURNING digest
    ), added AS (
      INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram, approximate_count)
      SELECT b.series_key, 'minute', b.start, b.count, b.errors, b.histogram, 0
      FROM unnest(${buckets.map((b) => b.seriesKey)}::text[], ${buckets.map((b) => new Date(b.startMs).toISOString())}::timestamptz[],
                  ${buckets.map((b) => b.count)}::bigint[], ${buckets.map((b) => b.errors)}::bigint[],
                  ${buckets.map((b) => JSON.stringify(b.histogram))}::jsonb[]) AS b(series_key, start, count, errors, histogram)
      WHERE EXISTS (SELECT FROM claim)
      ON CONFLICT (series_key, resolution, start) DO UPDATE SET
        count = latency_buckets.count + EXCLUDED.count,
        errors = latency_buckets.errors + EXCLUDED.errors,
        histogram = edgewise_merge_histogram(latency_buckets.histogram, EXCLUDED.histogram),
        updated_at = now()
      RETURNING 1
    ), counted AS (
      INSERT INTO ingest_counts (minute, signal, outcome, count)
      SELECT ${arrivalMinute()}, ${signal}, c.outcome, c.n
      FROM unnest(${outcomes.map((o) => o.outcome)}::text[], ${outcomes.map((o) => o.n)}::bigint[], ${outcomes.map((o) => o.isNew)}::boolean[]) AS c(outcome, n, is_new)
      WHERE c.is_new = EXISTS (SELECT FROM claim) AND (SELECT ok FROM fresh)
      ON CONFLICT (signal, outcome, minute) DO UPDATE SET count = ingest_counts.count + EXCLUDED.count, updated_at = now()
      RETURNING 1
    )
    SELECT (SELECT ok FROM fresh) AS fresh, EXISTS (SELECT FROM claim) AS claimed, (SELECT count(*) FROM added) AS added, (SELECT count(*) FROM counted) AS counted`;
  return !row!.fresh ? "stale" : row!.claimed ? "claimed" : "retry";
}

const rejectionMessage = (n: number, what: string, reasons: string[]) => (n ? `${n} ${what}(s) rejected: ${reasons.join("; ")}` : null);

export async function ingestTraces(actor: Actor, decoded: TraceRequest, digest: string): Promise<IngestResult> {
  authorize(actor, "telemetry:write");
  const message = rejectionMessage(decoded.rejected, "span", decoded.reasons);
  // Optimistically with the declarations last seen: the commit checks they are still current in the
  // same statement and does nothing if not — then fold again with fresh ones. No lookup per batch.
  // (Declarations changing under every attempt: the transaction below, which looks them up first.)
  let known = matchCache;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { stamp, matches } = known ?? (await telemetryMatches());
    if (pairableHalves(decoded.spans, matches).length > 0) break;
    const { buckets } = foldSpans(decoded.spans, matches);
    const outcome = await commitBatch(stamp, digest, buckets, "traces", { accepted: decoded.spans.length, ...decoded.byReason }, { duplicate: decoded.spans.length });
    if (outcome === "stale") {
      known = null;
      continue;
    }
    await pruneNowAndThen();
    return { accepted: outcome === "claimed" ? decoded.spans.length : 0, rejected: decoded.rejected, duplicate: outcome === "retry", message };
  }
  // Deliveries to pair: the stored halves are read and written under advisory locks, in one transaction.
  const { matches } = await telemetryMatches();
  const { buckets } = foldSpans(decoded.spans, matches);
  const duplicate = await db().$transaction(async (tx) => {
    if (!(await claimReceipt(tx, digest))) {
      await addCounts(tx, "traces", { duplicate: decoded.spans.length });
      return true;
    }
    const lags = await pairDeliveries(tx, decoded.spans, matches);
    await writeBuckets(tx, lags.length ? foldSpans(decoded.spans, matches, lags).buckets : buckets);
    await addCounts(tx, "traces", { accepted: decoded.spans.length, ...decoded.byReason });
    return false;
  });
  await pruneNowAndThen();
  return { accepted: duplicate ? 0 : decoded.spans.length, rejected: decoded.rejected, duplicate, message };
}

/** What a request's cumulative points add: each series' points in time order against its locked state. */
async function cumulativeDeltas(tx: Tx, points: MetricPoint[]): Promise<DeltaPoint[]> {
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

/**
 * Folds an ExportMetricsServiceRequest: the spanmetrics and servicegraph connectors' histograms (and
 * servicegraph's failed counter); other metrics are accepted and ignored. Delta points are added;
 * cumulative ones become deltas against the series' last state (cumulative.ts has the rules).
 */
export async function ingestMetrics(actor: Actor, decoded: MetricsRequest, digest: string): Promise<IngestResult> {
  authorize(actor, "telemetry:write");
  const relevant = decoded.points.filter((p) => roleOf(p) !== null);
  const { matches } = await telemetryMatches();
  const result = await db().$transaction(async (tx) => {
    if (!(await claimReceipt(tx, digest))) {
      await addCounts(tx, "metrics", { duplicate: decoded.points.length });
      return null;
    }
    const cumulative = relevant.filter((p) => p.temporality === "cumulative");
    const deltas: DeltaPoint[] = relevant.filter((p) => p.temporality === "delta").map((point) => ({ point, exactStats: true }));
    if (cumulative.length) deltas.push(...(await cumulativeDeltas(tx, cumulative)));
    const folded = foldMetricPoints(deltas, matches);
    await writeBuckets(tx, folded.buckets);
    const byReason = { ...decoded.byReason, ...(folded.unknownUnit ? { unknown_unit: folded.unknownUnit } : {}) };
    await addCounts(tx, "metrics", { accepted: decoded.points.length - folded.unknownUnit, ...byReason });
    return folded;
  });
  await pruneNowAndThen();
  const unknownUnit = result?.unknownUnit ?? 0;
  const rejected = decoded.rejected + unknownUnit;
  const reasons = unknownUnit ? [...decoded.reasons, `${unknownUnit} histogram point(s) with a unit that is not s, ms, us or ns`] : decoded.reasons;
  return { accepted: result ? decoded.points.length - unknownUnit : 0, rejected, duplicate: result === null, message: rejectionMessage(rejected, "data point", reasons) };
}

/** One OTLP request through the pipeline: the codec's typed request, folded and committed. */
export async function ingest(signal: OtlpSignal, actor: Actor, codec: OtlpCodec, body: Buffer): Promise<IngestResult> {
  const digest = bodyDigest(body);
  return signal === "traces" ? ingestTraces(actor, codec.decodeTraces(body), digest) : ingestMetrics(actor, codec.decodeMetrics(body), digest);
}

let lastPrunedMs = 0;

/** At most once a minute, best effort: a late prune only keeps rows longer. */
async function pruneNowAndThen(): Promise<void> {
  if (Date.now() - lastPrunedMs <= 60_000) return;
  lastPrunedMs = Date.now();
  await Promise.all([pruneReceipts(), pruneCounts(), pruneSeriesStates(), pruneLagHalves()]).catch(() => undefined);
}

/** Forgets receipts older than an hour, the window a collector retries in. */
export async function pruneReceipts(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM ingest_receipts WHERE received_at < ${new Date(now.getTime() - 3_600_000)}`;
}

/** Forgets series silent for a day: if one comes back, its next point is a first point again. */
export async function pruneSeriesStates(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM metric_series_state WHERE updated_at < ${new Date(now.getTime() - 86_400_000)}`;
}
