// OTLP ingestion as one pipeline, shared by /v1/traces and /v1/metrics: the codec's typed request →
// the pure batch step (attribute, pair, fold: ingest-batch.ts) → the store (ingest-store.ts), which
// commits the batch with its receipt and intake counts or not at all. A 200 means committed; a retry
// of the same body counts nothing; two servers adding to one bucket merge exactly.
import "server-only";
import { createHash } from "node:crypto";
import { authorize, type Actor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { pairDeliveries, pruneLagHalves } from "./async-pairing";
import { currentMatches, lastSeenMatches, type CatalogMatches } from "./catalog-matches";
import { boundMetrics, boundTraces, type TimeWindow } from "./bounds";
import { capMetrics, capTraces } from "./edge-cap";
import { addLags, addRetries } from "./fold";
import { observedEdgeCap } from "./observed-cap";
import { groupRetries, pruneRetryCalls } from "./retry-store";
import { metricPointsToFold, metricsBatch, retryAnswer, retryCounts, traceBatch, type IngestBatch } from "./ingest-batch";
import { commitLocked, commitStatement, cumulativeDeltas, pruneCounts, pruneReceipts, pruneSeriesStates, type CommitOutcome } from "./ingest-store";
import type { OtlpCodec, OtlpSignal } from "./otlp-codec";
import type { TraceRequest } from "./otlp-json";
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
 * under every attempt: the last one is written unchecked with the declarations just read.
 */
async function withCatalog(commit: (catalog: CatalogMatches, stamp: string | null) => Promise<{ outcome: CommitOutcome; batch: IngestBatch | null }>) {
  let catalog = lastSeenMatches() ?? (await currentMatches());
  for (let attempt = 1; ; attempt++) {
    const result = await commit(catalog, attempt < 3 ? catalog.stamp : null);
    if (result.outcome !== "stale") return result;
    catalog = await currentMatches();
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
  const result = await withCatalog(async ({ matches }, stamp) => {
    const batch = traceBatch(capTraces(request, matches, cap, token, Date.now()), matches, digest);
    if (batch.lagHalves.length === 0 && batch.attempts.length === 0) return { outcome: await commitStatement(batch, stamp), batch };
    // Deliveries to pair and attempts to group into logical calls: the stored halves and calls are
    // read and written under their locks (halves first, then calls: one order for every writer).
    return commitLocked("traces", digest, stamp, batch.counts.ifRetry, async (tx) => {
      const withLags = addLags(batch.buckets, await pairDeliveries(tx, batch.lagHalves, matches));
      return { ...batch, buckets: addRetries(withLags, await groupRetries(tx, batch.attempts)) };
    });
  });
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
  const result = await withCatalog(async ({ matches }, stamp) => {
    const capped = capMetrics(request, matches, cap, token, Date.now());
    const { deltas, cumulative } = metricPointsToFold(capped);
    if (cumulative.length === 0) {
      const batch = metricsBatch(capped, matches, digest, deltas);
      return { outcome: await commitStatement(batch, stamp), batch };
    }
    return commitLocked("metrics", digest, stamp, retryCounts(request), async (tx) => metricsBatch(capped, matches, digest, [...deltas, ...(await cumulativeDeltas(tx, cumulative))]));
  });
  await pruneNowAndThen();
  return answer(result, request, "metrics");
}

let lastPrunedMs = 0;

/** At most once a minute, best effort: a late prune only keeps rows longer. */
async function pruneNowAndThen(): Promise<void> {
  if (Date.now() - lastPrunedMs <= 60_000) return;
  lastPrunedMs = Date.now();
  await Promise.all([pruneReceipts(), pruneCounts(), pruneSeriesStates(), pruneLagHalves(), pruneRetryCalls()]).catch(() => undefined);
}
