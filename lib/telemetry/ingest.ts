// OTLP ingestion as one pipeline, shared by /v1/traces and /v1/metrics: the codec's typed request →
// the pure batch step (attribute, pair, fold: ingest-batch.ts) → the store (ingest-store.ts), which
// commits the batch with its receipt and intake counts or not at all. A 200 means committed; a retry
// of the same body counts nothing; two servers adding to one bucket merge exactly.
import "server-only";
import { createHash } from "node:crypto";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { pairDeliveries, pruneLagHalves } from "./async-pairing";
import { currentMatches, lastSeenMatches, type CatalogMatches } from "./catalog-matches";
import { sqlStates } from "@/lib/errors";
import { boundMetrics, boundTraces, MAX_MINUTE_COUNT, type TimeWindow } from "./bounds";
import { capMetrics, capTraces, type EdgeCap, type EdgeTicket } from "./edge-cap";
import { addLags } from "./fold";
import { observedEdgeCap } from "./observed-cap";
import { pruneRetryCalls } from "./retry-store";
import { metricPointsToFold, metricsBatch, rejectionMessage, retryAnswer, retryCounts, traceBatch, type IngestBatch } from "./ingest-batch";
import { assembleStaged, pruneStaging } from "./classic-staging";
import { INCOMPLETE_HISTOGRAM, type Assembly } from "./classic-assembly";
import { commitLocked, commitStatement, cumulativeDeltas, pruneCounts, pruneReceipts, pruneSeriesStates, type CommitOutcome } from "./ingest-store";
import type { OtlpCodec, OtlpSignal } from "./otlp-codec";
import { OtlpDecodeError, type TraceRequest } from "./otlp-json";
import type { MetricsRequest } from "./otlp-metrics";

export interface IngestResult {
  accepted: number;
  rejected: number;
  duplicate: boolean;
  message: string | null;
}

export const bodyDigest = (body: Buffer) => createHash("sha256").update(body).digest("hex");

/** One OTLP request through the pipeline: the codec's typed request, folded and committed. */
export async function ingest(signal: OtlpSignal, actor: Actor, codec: OtlpCodec, body: Buffer): Promise<IngestResult> {
  const digest = bodyDigest(body);
  return signal === "traces" ? ingestTraces(actor, codec.decodeTraces(body), digest) : ingestMetrics(actor, codec.decodeMetrics(body), digest);
}

/**
 * Commits with the declarations this process last saw (no lookup per batch): the store checks they
 * are still current and writes nothing if not; then the batch is made again from the current ones —
 * so a batch is folded once, and again only when the catalog changed since. Declarations changing
 * under every attempt: the last one is written unchecked with the declarations just read. Each
 * attempt reserves its new observed edges on a ticket of its own, settled with the attempt's outcome.
 */
async function withCatalog(
  cap: EdgeCap,
  commit: (catalog: CatalogMatches, stamp: string | null, ticket: EdgeTicket) => Promise<{ outcome: CommitOutcome; batch: IngestBatch | null }>,
) {
  let catalog = lastSeenMatches() ?? (await currentMatches());
  for (let attempt = 1; ; attempt++) {
    const ticket: EdgeTicket = new Set();
    let result: { outcome: CommitOutcome; batch: IngestBatch | null };
    try {
      result = await commit(catalog, attempt < 3 ? catalog.stamp : null, ticket);
    } catch (err) {
      cap.settle(ticket, false);
      throw err;
    }
    cap.settle(ticket, result.outcome === "claimed");
    if (result.outcome !== "stale") return result;
    catalog = await currentMatches();
  }
}

/**
 * Counts accumulate across requests: one that is fine alone may take a stored minute past its bound,
 * which the table's CHECK refuses atomically (also against a concurrent writer). That is the
 * request's fault — a 400, nothing written — not a 500, and never a rounded count.
 */
async function exactCounts<T>(commit: () => Promise<T>): Promise<T> {
  try {
    return await commit();
  } catch (err) {
    if (sqlStates(err).includes("23514") && String((err as Error).message).includes("latency_buckets_minute_counts_exact")) {
      throw new OtlpDecodeError(`These counts would take a minute of a series past ${MAX_MINUTE_COUNT} calls (2^53 − 1 over the 1,440 minutes of a day, so that its hours and days stay exact); nothing was written`, "resourceMetrics");
    }
    throw err;
  }
}

const answer = ({ outcome, batch }: { outcome: CommitOutcome; batch: IngestBatch | null }, request: TraceRequest | MetricsRequest, signal: OtlpSignal): IngestResult =>
  outcome === "claimed" && batch ? { accepted: batch.accepted, rejected: batch.rejected, duplicate: false, message: batch.message } : retryAnswer(request, signal);

/** The window telemetry time must fall in now (bounds.ts): configured skew and span length, the minute retention. */
export function timeWindow(nowMs = Date.now()): TimeWindow {
  const e = env();
  return { nowMs, maxFutureMs: e.EDGEWISE_INGEST_MAX_FUTURE_MINUTES * 60_000, maxAgeMs: e.EDGEWISE_RETENTION_MINUTE_DAYS * 86_400_000, maxDurationMs: e.EDGEWISE_INGEST_MAX_SPAN_MINUTES * 60_000 };
}

export async function ingestTraces(actor: Actor, decoded: TraceRequest, digest: string): Promise<IngestResult> {
  authorize(actor, "telemetry:write");
  const request = boundTraces(decoded, timeWindow());
  const [cap, token] = [await observedEdgeCap(), actor.tokenId ?? actor.userId];
  const result = await exactCounts(() => withCatalog(cap, async ({ matches }, stamp, ticket) => {
    const batch = traceBatch(capTraces(request, matches, cap, token, Date.now(), ticket), matches, digest);
    // Attempts are grouped into logical calls by the commit's own statement (ingest-store.ts).
    if (batch.lagHalves.length === 0) return { outcome: await commitStatement(batch, stamp), batch };
    // Deliveries to pair: the stored halves are read and written under their locks, before the
    // statement that upserts calls and buckets (halves, calls, buckets: one order for every writer).
    return commitLocked("traces", digest, stamp, batch.counts.ifRetry, async (tx) => ({ ...batch, buckets: addLags(batch.buckets, await pairDeliveries(tx, batch.lagHalves, matches)) }));
  }));
  await pruneNowAndThen();
  return answer(result, request, "traces");
}

/**
 * Folds an ExportMetricsServiceRequest: the spanmetrics and servicegraph connectors' histograms (and
 * servicegraph's failed counter); other metrics are accepted and ignored. Delta points are added;
 * cumulative ones become deltas against the series' last state, read under its row lock (cumulative.ts has the rules).
 */
export async function ingestMetrics(actor: Actor, decoded: MetricsRequest, digest: string): Promise<IngestResult> {
  authorize(actor, "telemetry:write");
  const request = boundMetrics(decoded, timeWindow());
  const [cap, token] = [await observedEdgeCap(), actor.tokenId ?? actor.userId];
  const result = await exactCounts(() => withCatalog(cap, async ({ matches }, stamp, ticket) => {
    const capped = capMetrics(request, matches, cap, token, Date.now(), ticket);
    const { deltas, cumulative } = metricPointsToFold(capped);
    if (cumulative.length === 0) {
      const batch = metricsBatch(capped, matches, digest, deltas);
      return { outcome: await commitStatement(batch, stamp), batch };
    }
    return commitLocked("metrics", digest, stamp, retryCounts(request), async (tx) => {
      const { points, assembly } = await assembleStaged(tx, cumulative);
      return withAssembly(metricsBatch(capped, matches, digest, [...deltas, ...(await cumulativeDeltas(tx, points))]), assembly);
    });
  }));
  await pruneNowAndThen();
  return answer(result, request, "metrics");
}

/** The batch with what assembling classic histograms counted: those dropped incomplete, and those with bad buckets (rejected). */
function withAssembly(batch: IngestBatch, assembly: Assembly | null): IngestBatch {
  if (!assembly || (assembly.incomplete === 0 && assembly.invalid.length === 0)) return batch;
  const ifNew = { ...batch.counts.ifNew };
  if (assembly.incomplete) ifNew[INCOMPLETE_HISTOGRAM] = (ifNew[INCOMPLETE_HISTOGRAM] ?? 0) + assembly.incomplete;
  if (assembly.invalid.length) ifNew.invalid_buckets = (ifNew.invalid_buckets ?? 0) + assembly.invalid.length;
  const rejected = batch.rejected + assembly.invalid.length;
  const message = assembly.invalid.length ? [batch.message, rejectionMessage(assembly.invalid.length, "histogram", assembly.invalid.slice(0, 5))].filter(Boolean).join("; ") : batch.message;
  return { ...batch, counts: { ...batch.counts, ifNew }, rejected, message };
}

let lastPrunedMs = 0;

/** At most once a minute, best effort: a late prune only keeps rows longer. */
async function pruneNowAndThen(): Promise<void> {
  if (Date.now() - lastPrunedMs <= 60_000) return;
  lastPrunedMs = Date.now();
  await Promise.all([pruneReceipts(), pruneCounts(), pruneSeriesStates(), pruneLagHalves(), pruneStaging(db()), pruneRetryCalls()]).catch(() => undefined);
}
