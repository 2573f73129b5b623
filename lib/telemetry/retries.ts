// Observed retries and throttling (pure). Client spans with the same parent, to the same series
// and operation, in one trace are attempts of one logical call; `http.request.resend_count` (the
// ordinal of a resend) says a call had at least that many attempts before this one. A minute keeps
// its logical calls by how many attempts each took ({"1": 40, "3": 2}): amplification, the largest
// attempt count and the call count all follow from it, and it stays exact when a call's attempts
// arrive in several batches, in any order: the call is counted in the minute of its earliest
// attempt, and a late attempt moves its figures (minus the old entry, plus the new one).
import type { AttributeValue, DecodedSpan } from "./otlp-json";

const MINUTE_MS = 60_000;

/** Logical calls by attempts each took: the string of the attempt count → calls. */
export type AttemptCounts = Record<string, number>;

/** One client span, as retry grouping sees it. */
export interface Attempt {
  /** The logical call it belongs to (callKeyOf). */
  callKey: string;
  seriesKey: string;
  startMs: number;
  /** `http.request.resend_count`, when the span carries it. */
  resendCount: number | null;
}

/** What is remembered of a logical call over the pairing window. */
export interface CallState {
  seriesKey: string;
  /** The minute (ms) of its earliest attempt: where it is counted. */
  minuteMs: number;
  spans: number;
  /** The largest resend_count seen, -1 for none. */
  maxResend: number;
}

export interface RetryDelta {
  seriesKey: string;
  startMs: number;
  attemptCounts: AttemptCounts;
}

/** A logical call's identity: one trace, one parent span, one series, one operation. */
export const callKeyOf = (seriesKey: string, span: Pick<DecodedSpan, "traceId" | "parentSpanId" | "spanId" | "name">) =>
  // A span without a parent is a call of its own (its resend_count still counts).
  `${span.traceId}|${span.parentSpanId ?? `self:${span.spanId}`}|${seriesKey}|${span.name}`;

const integer = (v: AttributeValue | undefined) => (typeof v === "number" && Number.isSafeInteger(v) ? v : typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : null);

export function resendCountOf(attributes: Record<string, AttributeValue>): number | null {
  const n = integer(attributes["http.request.resend_count"]);
  return n !== null && n >= 0 && n < 1_000_000 ? n : null;
}

/** The attempts a call has had: its spans, or more when a resend_count says earlier ones went unseen. */
export const attemptsOf = (c: Pick<CallState, "spans" | "maxResend">) => Math.max(c.spans, c.maxResend + 1);

const GRPC_THROTTLED = new Set([8, 14]); // RESOURCE_EXHAUSTED, UNAVAILABLE
const GRPC_THROTTLED_NAMES = new Set(["RESOURCE_EXHAUSTED", "UNAVAILABLE"]);

/**
 * Whether the callee turned the call away for load: HTTP 429 or 503 (`http.response.status_code`, or
 * the older `http.status_code`), gRPC RESOURCE_EXHAUSTED or UNAVAILABLE (`rpc.grpc.status_code`, or
 * the status name in the newer string attribute: `rpc.response.status_code`, which the conventions
 * later renamed `rpc.status_code` (both are read; semantic-conventions' incubating attributes).
 */
export function isThrottled(attributes: Record<string, AttributeValue>): boolean {
  const http = integer(attributes["http.response.status_code"] ?? attributes["http.status_code"]);
  if (http === 429 || http === 503) return true;
  const grpc = integer(attributes["rpc.grpc.status_code"]);
  if (grpc !== null) return GRPC_THROTTLED.has(grpc);
  const name = attributes["rpc.response.status_code"] ?? attributes["rpc.status_code"];
  return typeof name === "string" && GRPC_THROTTLED_NAMES.has(name);
}

const add = (into: Map<string, RetryDelta>, seriesKey: string, startMs: number, attempts: number, n: number) => {
  const id = `${seriesKey}|${startMs}`;
  let d = into.get(id);
  if (!d) into.set(id, (d = { seriesKey, startMs, attemptCounts: {} }));
  const k = String(attempts);
  const v = (d.attemptCounts[k] ?? 0) + n;
  if (v === 0) delete d.attemptCounts[k];
  else d.attemptCounts[k] = v;
};

/**
 * Adds a batch's attempts to the stored calls (`stored`: the state of every call the batch touches
 * that was seen before). Returns each touched call's new state and what the minutes' attempt counts
 * change by — a call seen before leaves its old entry (−1) for its new one (+1).
 */
export function applyAttempts(stored: Map<string, CallState>, attempts: Attempt[]): { states: Map<string, CallState>; deltas: RetryDelta[] } {
  const states = new Map<string, CallState>();
  for (const a of attempts) {
    const minuteMs = Math.floor(a.startMs / MINUTE_MS) * MINUTE_MS;
    const s = states.get(a.callKey) ?? (stored.has(a.callKey) ? { ...stored.get(a.callKey)! } : { seriesKey: a.seriesKey, minuteMs, spans: 0, maxResend: -1 });
    s.spans += 1;
    s.minuteMs = Math.min(s.minuteMs, minuteMs);
    if (a.resendCount !== null) s.maxResend = Math.max(s.maxResend, a.resendCount);
    states.set(a.callKey, s);
  }
  const deltas = new Map<string, RetryDelta>();
  for (const [key, s] of states) {
    const before = stored.get(key);
    if (before && before.spans > 0) add(deltas, before.seriesKey, before.minuteMs, attemptsOf(before), -1);
    add(deltas, s.seriesKey, s.minuteMs, attemptsOf(s), 1);
  }
  return { states, deltas: [...deltas.values()].filter((d) => Object.keys(d.attemptCounts).length > 0) };
}

/** Adds attempt counts key by key, dropping keys that reach 0 (edgewise_add_counts in SQL). */
export function addAttemptCounts(a: AttemptCounts, b: AttemptCounts): AttemptCounts {
  const out: AttemptCounts = { ...a };
  for (const [k, n] of Object.entries(b)) {
    const v = (out[k] ?? 0) + n;
    if (v === 0) delete out[k];
    else out[k] = v;
  }
  return out;
}

export interface RetryFigures {
  logicalCalls: number;
  attempts: number;
  /** The most attempts any one logical call took; 0 without calls. */
  maxAttempts: number;
}

export function retryFigures(counts: AttemptCounts): RetryFigures {
  let logicalCalls = 0;
  let attempts = 0;
  let maxAttempts = 0;
  for (const [k, n] of Object.entries(counts)) {
    const per = Number(k);
    if (!(n > 0) || !(per > 0)) continue;
    logicalCalls += n;
    attempts += per * n;
    maxAttempts = Math.max(maxAttempts, per);
  }
  return { logicalCalls, attempts, maxAttempts };
}

/** Retry amplification: attempts per logical call (1 = no retries); null without calls. */
export const amplification = (f: Pick<RetryFigures, "attempts" | "logicalCalls">) => (f.logicalCalls > 0 ? f.attempts / f.logicalCalls : null);

/** The share of calls throttled (0..1); null without calls. */
export const throttledShare = (throttled: number, calls: number) => (calls > 0 ? throttled / calls : null);
