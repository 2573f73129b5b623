// Ingestion status for Settings → Telemetry: when data last arrived, how much is arriving, and what
// was turned away and why (from the per-minute intake counts ingestion writes).
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Signal } from "./ingest-counts";
import type { OtlpSignal } from "./otlp-codec";

export interface Rejection {
  signal: Signal;
  /** The stored code: per item (`invalid_time` …) or, prefixed `request:`, a whole request (`request:too_large` …). */
  reason: string;
  label: string;
  /** Spans, data points or log records for item reasons; requests for `request:` reasons. */
  count: number;
  lastAt: string;
}

export interface IngestionStatus {
  lastReceivedAt: string | null;
  lastReceived: Record<OtlpSignal, string | null>;
  spansLast10Minutes: number;
  spansPerMinute: number;
  pointsLast10Minutes: number;
  pointsPerMinute: number;
  integrationsWithData: number;
  observedEdges: number;
  /** Over the last REJECTION_WINDOW_HOURS, most frequent first. */
  rejections: Rejection[];
}

export const REJECTION_WINDOW_HOURS = 24;

const LABELS: Record<string, string> = {
  invalid_id: "Trace or span id is not 32/16 hex characters",
  invalid_time: "Timestamps missing, not integers, or reversed",
  unknown_kind: "Unknown span kind",
  unknown_status: "Unknown status code",
  invalid_buckets: "Histogram counts, bounds or statistics inconsistent",
  invalid_value: "Counter value negative or not finite",
  unknown_temporality: "Aggregation temporality missing or unknown",
  unknown_unit: "Duration unit is not s, ms, us or ns (and the name says no unit)",
  name_too_long: "Service, peer or address name longer than 255 characters",
  time_in_future: "Starts more than a few minutes in the future",
  time_too_old: "Older than the minute data's retention",
  duration_too_long: "Span longer than the configured maximum",
  edge_cap_token: "New observed edge over the token's hourly cap",
  edge_cap_total: "New observed edge over the estate's cap",
  "request:unauthenticated": "Request without a valid token (401)",
  "request:forbidden": "Token without the telemetry:write scope (403)",
  "request:malformed": "Body is not valid OTLP (400)",
  "request:too_large": "Body over the size limit (413)",
  "request:unsupported_media_type": "Content type or encoding not accepted (415)",
  "request:rate_limited": "Token over its rate limit (429)",
  "request:overloaded": "Too many requests in flight (429)",
  "request:unavailable": "Database unavailable (503)",
  logs_not_stored: "Log records answered and dropped: Edgewise stores no logs (/v1/logs)",
  ignored_series: "Remote-write series that are no span metrics (accepted and ignored)",
  incomplete_histogram: "Remote-write histograms still missing series after the wait (their calls come with the next one)",
};

/** Remote write tallies its whole-request rejections as `request:remote_write_<reason>`. */
export const rejectionLabel = (reason: string) =>
  LABELS[reason] ?? (reason.startsWith("request:remote_write_") ? `Remote write: ${LABELS[reason.replace("remote_write_", "")] ?? reason}` : reason);

export async function ingestionStatus(actor: Actor, now = new Date()): Promise<IngestionStatus> {
  authorize(actor, "catalog:read");
  const since = new Date(now.getTime() - 10 * 60_000);
  const rejectedSince = new Date(now.getTime() - REJECTION_WINDOW_HOURS * 3_600_000);
  const [[row], intake, rejections] = await Promise.all([
    db().$queryRaw<{ integrations: bigint; edges: bigint }[]>`
      SELECT (SELECT count(DISTINCT series_key) FROM latency_buckets WHERE resolution = 'minute' AND series_key NOT LIKE 'edge:%') AS integrations,
             (SELECT count(DISTINCT series_key) FROM latency_buckets WHERE resolution = 'minute' AND series_key LIKE 'edge:%') AS edges`,
    db().$queryRaw<{ signal: Signal; last: Date | null; recent: bigint | null }[]>`
      SELECT signal, max(updated_at) AS last, sum(count) FILTER (WHERE minute >= ${since}) AS recent
      FROM ingest_counts WHERE outcome = 'accepted' GROUP BY signal`,
    db().$queryRaw<{ signal: Signal; outcome: string; count: bigint; last: Date }[]>`
      SELECT signal, outcome, sum(count) AS count, max(updated_at) AS last
      FROM ingest_counts WHERE minute >= ${rejectedSince} AND outcome NOT IN ('accepted', 'duplicate')
      GROUP BY signal, outcome ORDER BY sum(count) DESC, signal, outcome`,
  ]);
  const of = (signal: Signal) => intake.find((r) => r.signal === signal);
  const last = (signal: Signal) => of(signal)?.last?.toISOString() ?? null;
  const recent = (signal: Signal) => Number(of(signal)?.recent ?? 0);
  const lastReceived = { traces: last("traces"), metrics: last("metrics") };
  return {
    lastReceivedAt: [lastReceived.traces, lastReceived.metrics].filter((t): t is string => t !== null).sort().at(-1) ?? null,
    lastReceived,
    spansLast10Minutes: recent("traces"),
    spansPerMinute: recent("traces") / 10, // one decimal: a trickle is not zero
    pointsLast10Minutes: recent("metrics"),
    pointsPerMinute: recent("metrics") / 10,
    integrationsWithData: Number(row?.integrations ?? 0),
    observedEdges: Number(row?.edges ?? 0),
    rejections: rejections.map((r) => ({ signal: r.signal, reason: r.outcome, label: rejectionLabel(r.outcome), count: Number(r.count), lastAt: r.last.toISOString() })),
  };
}
