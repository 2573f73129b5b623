// Bounds on a decoded OTLP request (pure), applied once between the codec and the fold: names that
// become series keys are at most MAX_NAME_CHARS, telemetry times fall inside a sanity window, and a
// metrics request's counts stay exact as JavaScript numbers. An item out of bounds is rejected on its
// own (OTLP partial success) with a reason code; only counts too large to carry refuse the request.
import { OtlpDecodeError, type AttributeValue, type DecodedSpan, type TraceRequest } from "./otlp-json";
import type { MetricPoint, MetricsRequest } from "./otlp-metrics";

/** Longest service, peer or address name taken (characters): it becomes part of a series key, an index row. */
export const MAX_NAME_CHARS = 255;

/** The attributes attribution reads names from (attribute.ts, metrics-fold.ts): each can end up in a series key. */
export const NAME_ATTRIBUTES = ["service.name", "peer.service", "server.address", "rpc.service", "messaging.system", "messaging.destination.name", "client.service", "client", "server"] as const;

/** The window telemetry time must fall in, relative to `nowMs`. */
export interface TimeWindow {
  nowMs: number;
  /** How far ahead of this server's clock an item may start (clock skew). */
  maxFutureMs: number;
  /** How far back: the minute data's retention (older minutes would be pruned at once). */
  maxAgeMs: number;
  /** The longest span taken. */
  maxDurationMs: number;
}

export type BoundReason = "name_too_long" | "time_in_future" | "time_too_old" | "duration_too_long";

const NS_PER_MS = 1_000_000n;

/** The first name attribute longer than the bound, if any. */
function longName(values: (AttributeValue | undefined)[], attributes: Record<string, AttributeValue>): string | null {
  for (const v of values) if (typeof v === "string" && v.length > MAX_NAME_CHARS) return "service.name";
  for (const key of NAME_ATTRIBUTES) {
    const v = attributes[key];
    if (typeof v === "string" && v.length > MAX_NAME_CHARS) return key;
  }
  return null;
}

/** Why a time (ns since the epoch) is outside the window, or null. */
function timeReason(unixNano: bigint, window: TimeWindow): BoundReason | null {
  const ms = unixNano / NS_PER_MS;
  if (ms > BigInt(Math.floor(window.nowMs + window.maxFutureMs))) return "time_in_future";
  if (ms < BigInt(Math.floor(window.nowMs - window.maxAgeMs))) return "time_too_old";
  return null;
}

const describe = (reason: BoundReason, window: TimeWindow, detail: string) =>
  reason === "name_too_long"
    ? `${detail} is longer than ${MAX_NAME_CHARS} characters`
    : reason === "time_in_future"
      ? `${detail} is more than ${Math.round(window.maxFutureMs / 60_000)} minute(s) in the future`
      : reason === "time_too_old"
        ? `${detail} is older than the minute data's retention (${Math.round(window.maxAgeMs / 86_400_000)} days)`
        : `${detail} is longer than ${Math.round(window.maxDurationMs / 60_000)} minute(s)`;

function spanFault(span: DecodedSpan, window: TimeWindow): [BoundReason, string] | null {
  const name = longName([span.serviceName], span.attributes);
  if (name) return ["name_too_long", name];
  const time = timeReason(span.startUnixNano, window);
  if (time) return [time, "its start time"];
  if (span.durationMs > window.maxDurationMs) return ["duration_too_long", "its duration"];
  return null;
}

function pointFault(point: MetricPoint, window: TimeWindow): [BoundReason, string] | null {
  const name = longName([point.resource["service.name"]], point.attributes);
  if (name) return ["name_too_long", name];
  const time = timeReason(point.timeUnixNano, window);
  return time ? [time, "its timeUnixNano"] : null;
}

/** `items` split by `fault`, the rejections added to the request's own (first five reasons kept, as the decoders do). */
function screen<T, R extends { rejected: number; reasons: string[]; byReason: Record<string, number> }>(
  request: R,
  items: T[],
  what: string,
  fault: (item: T) => [BoundReason, string] | null,
  window: TimeWindow,
): { kept: T[]; request: R } {
  const kept: T[] = [];
  let rejected = request.rejected;
  const reasons = [...request.reasons];
  const byReason = { ...request.byReason };
  for (const item of items) {
    const f = fault(item);
    if (!f) {
      kept.push(item);
      continue;
    }
    rejected += 1;
    byReason[f[0]] = (byReason[f[0]] ?? 0) + 1;
    if (reasons.length < 5) reasons.push(`a ${what}: ${describe(f[0], window, f[1])}`);
  }
  return { kept, request: { ...request, rejected, reasons, byReason } };
}

/** The request with spans outside the bounds moved to its rejections (the request itself is unchanged). */
export function boundTraces(request: TraceRequest, window: TimeWindow): TraceRequest {
  const { kept, request: out } = screen(request, request.spans, "span", (s) => spanFault(s, window), window);
  return kept.length === request.spans.length ? request : { ...out, spans: kept };
}

/** Counts a request may carry in total: beyond 2^53 − 1 a JavaScript number no longer holds every integer. */
export const MAX_REQUEST_COUNT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Calls one minute of one series may hold (the CHECK latency_buckets_minute_counts_exact): a day has
 * 1,440 minutes, so every hour and day rolled up from them stays within 2^53 − 1 and is read exactly.
 */
export const MAX_MINUTE_COUNT = Math.floor(Number.MAX_SAFE_INTEGER / 1440);

const countOf = (p: MetricPoint): bigint => (p.type === "sum" ? 0n : BigInt(p.count));

/**
 * The request with points outside the bounds moved to its rejections. Throws OtlpDecodeError (a 400,
 * nothing written) when the points' counts sum beyond 2^53 − 1: such a request cannot be folded
 * exactly, and rounding a count is not an option.
 */
export function boundMetrics(request: MetricsRequest, window: TimeWindow): MetricsRequest {
  const total = request.points.reduce((sum, p) => sum + countOf(p), 0n);
  if (total > MAX_REQUEST_COUNT) {
    throw new OtlpDecodeError(`The data points' counts sum to ${total}, more than 2^53 − 1 (${MAX_REQUEST_COUNT}), which cannot be carried exactly; send them in smaller requests`, "resourceMetrics");
  }
  const { kept, request: out } = screen(request, request.points, "data point", (p) => pointFault(p, window), window);
  return kept.length === request.points.length ? request : { ...out, points: kept };
}
