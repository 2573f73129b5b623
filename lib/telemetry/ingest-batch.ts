// The pure middle of the ingestion pipeline: a decoded request and the catalog's telemetry matches
// in, one batch value out — attributed, paired within the batch where it can be, and folded, once —
// holding everything the store writes (ingest-store.ts) and the answer the client gets.
import type { TelemetryMatch } from "./attribute";
import { pairableHalves, type LagHalf } from "./async-lag";
import { foldSpans, type FoldedBucket } from "./fold";
import { foldMetricPoints, roleOf, type DeltaPoint } from "./metrics-fold";
import type { OtlpSignal } from "./otlp-codec";
import type { TraceRequest } from "./otlp-json";
import type { MetricPoint, MetricsRequest } from "./otlp-metrics";
import type { Attempt } from "./retries";

export interface BatchBucket extends FoldedBucket {
  /** Observations placed from coarse histogram buckets (metrics only). */
  approximate?: number;
}

/** Intake counts by outcome: those written when the receipt is new, and those when it is a retry. */
export interface BatchCounts {
  ifNew: Record<string, number>;
  ifRetry: Record<string, number>;
}

/** What a request becomes before anything is written. (Exemplars will join the buckets here.) */
export interface IngestBatch {
  signal: OtlpSignal;
  /** The receipt: the body's digest, so a retry of the same body counts nothing. */
  digest: string;
  /** Minute buckets to add, ordered by series then minute: one lock order for every writer. */
  buckets: BatchBucket[];
  /** Producer and consumer halves to pair with stored ones; any at all and the batch is written under locks. */
  lagHalves: LagHalf[];
  /** Client spans to group into logical calls with the stored ones; any at all and the batch is written under locks. */
  attempts: Attempt[];
  counts: BatchCounts;
  /** The answer when the receipt is new. */
  accepted: number;
  rejected: number;
  message: string | null;
}

export const rejectionMessage = (n: number, what: string, reasons: string[]) => (n ? `${n} ${what}(s) rejected: ${reasons.join("; ")}` : null);

/** What a retry of the request counts: every item, as a duplicate. */
export const retryCounts = (request: TraceRequest | MetricsRequest) => ({ duplicate: "spans" in request ? request.spans.length : request.points.length });

/** What a retry of the request answers: nothing accepted, the decoder's rejections as before. */
export function retryAnswer(request: TraceRequest | MetricsRequest, signal: OtlpSignal) {
  return { accepted: 0, rejected: request.rejected, duplicate: true, message: rejectionMessage(request.rejected, signal === "traces" ? "span" : "data point", request.reasons) };
}

export function traceBatch(request: TraceRequest, matches: TelemetryMatch[], digest: string): IngestBatch {
  const n = request.spans.length;
  const folded = foldSpans(request.spans, matches);
  return {
    signal: "traces",
    digest,
    buckets: folded.buckets,
    lagHalves: pairableHalves(request.spans, matches),
    attempts: folded.attempts,
    counts: { ifNew: { accepted: n, ...request.byReason }, ifRetry: retryCounts(request) },
    accepted: n,
    rejected: request.rejected,
    message: rejectionMessage(request.rejected, "span", request.reasons),
  };
}

/** A request's points Edgewise folds: delta ones as they are, cumulative ones still to be turned into deltas against their series' state. */
export function metricPointsToFold(request: MetricsRequest): { deltas: DeltaPoint[]; cumulative: MetricPoint[] } {
  const deltas: DeltaPoint[] = [];
  const cumulative: MetricPoint[] = [];
  for (const point of request.points) {
    if (roleOf(point) === null) continue;
    if (point.temporality === "delta") deltas.push({ point, exactStats: true });
    else cumulative.push(point);
  }
  return { deltas, cumulative };
}

/** `deltas`: every point to fold, the cumulative ones already made deltas. */
export function metricsBatch(request: MetricsRequest, matches: TelemetryMatch[], digest: string, deltas: DeltaPoint[]): IngestBatch {
  const folded = foldMetricPoints(deltas, matches);
  const unknownUnit = folded.unknownUnit;
  const rejected = request.rejected + unknownUnit;
  const reasons = unknownUnit ? [...request.reasons, `${unknownUnit} histogram point(s) with a unit that is not s, ms, us or ns`] : request.reasons;
  return {
    signal: "metrics",
    digest,
    buckets: folded.buckets,
    lagHalves: [],
    attempts: [],
    counts: { ifNew: { accepted: request.points.length - unknownUnit, ...request.byReason, ...(unknownUnit ? { unknown_unit: unknownUnit } : {}) }, ifRetry: retryCounts(request) },
    accepted: request.points.length - unknownUnit,
    rejected,
    message: rejectionMessage(rejected, "data point", reasons),
  };
}
