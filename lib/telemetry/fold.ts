// Folding decoded spans into per-series, per-minute histograms (pure): the only shape telemetry is
// ever stored in. A series is a declared integration point (its id) or an observed edge.
import type { LagObservation } from "./async-lag";
import { edgeOf, matchSpan, type TelemetryMatch } from "./attribute";
import { ExemplarPicker, type Exemplar } from "./exemplars";
import { emptyHistogram, merge, record, type Histogram } from "./histogram";
import type { DecodedSpan } from "./otlp-json";
import { attemptsOf, callKeyOf, isThrottled, resendCountOf, type Attempt, type AttemptCounts } from "./retries";

export const MINUTE_MS = 60_000;

export interface FoldedBucket {
  seriesKey: string;
  startMs: number;
  count: number;
  errors: number;
  histogram: Histogram;
  /** The calls to open as traces (exemplars.ts): at most EXEMPLARS_PER_MINUTE. */
  exemplars: Exemplar[];
  /** Calls the callee turned away for load (retries.ts, isThrottled); absent is 0. */
  throttled?: number;
  /** What the minute's logical calls change by, by attempts each (retries.ts); absent is none. */
  attemptCounts?: AttemptCounts;
}

export interface FoldResult {
  buckets: FoldedBucket[];
  /** Spans that measure no edge (internal spans, servers whose caller is unknown). */
  unattributed: number;
  /** Client spans with a parent as attempts of logical calls, to group with the stored ones (retry-store.ts); those without one are folded already. */
  attempts: Attempt[];
}

export const observedSeriesKey = (source: string, target: string) => `edge:${source}->${target}`;

type Entry = { bucket: FoldedBucket; picker: ExemplarPicker };

/** Minute buckets being filled: one per (series, minute). */
class MinuteBuckets {
  private readonly byKey = new Map<string, Entry>();
  /** The entry used last: a batch's spans mostly come in runs of one series and minute. */
  private last: Entry | null = null;

  constructor(existing: FoldedBucket[] = []) {
    // Copies: the buckets handed in stay as they were.
    for (const b of existing) {
      const picker = new ExemplarPicker();
      for (const e of b.exemplars) picker.add(e);
      this.byKey.set(`${b.seriesKey}|${b.startMs}`, { bucket: { ...b, histogram: merge(emptyHistogram(), b.histogram) }, picker });
    }
  }

  entry(seriesKey: string, startMs: number): Entry {
    const last = this.last;
    if (last && last.bucket.startMs === startMs && last.bucket.seriesKey === seriesKey) return last;
    const id = `${seriesKey}|${startMs}`;
    let entry = this.byKey.get(id);
    if (!entry) {
      entry = { bucket: { seriesKey, startMs, count: 0, errors: 0, histogram: emptyHistogram(), exemplars: [] }, picker: new ExemplarPicker() };
      this.byKey.set(id, entry);
    }
    return (this.last = entry);
  }

  /** `exemplar`: the call's ids, when it has a trace to open. */
  add(seriesKey: string, startMs: number, valueMs: number, error: boolean, exemplar?: { traceId: string; spanId: string; atMs: number }, throttled = false): Entry {
    const entry = this.entry(seriesKey, startMs);
    const { bucket, picker } = entry;
    bucket.count += 1;
    if (error) bucket.errors += 1;
    if (throttled) bucket.throttled = (bucket.throttled ?? 0) + 1;
    record(bucket.histogram, valueMs);
    if (exemplar && picker.mayKeep(valueMs, exemplar.atMs, error)) picker.add({ traceId: exemplar.traceId, spanId: exemplar.spanId, atMs: exemplar.atMs, durationMs: valueMs, error });
    return entry;
  }

  /** A stable order: concurrent writers then lock rows in the same order and cannot deadlock. */
  sorted(): FoldedBucket[] {
    return [...this.byKey.values()]
      .map(({ bucket, picker }) => ({ ...bucket, exemplars: picker.picked() }))
      .sort((a, b) => (a.seriesKey === b.seriesKey ? a.startMs - b.startMs : a.seriesKey < b.seriesKey ? -1 : 1));
  }
}

/** A logical call of a span without a parent, as foldSpans counts it (applyAttempts' rule, in one batch). */
interface OwnCall {
  entry: Entry;
  spans: number;
  maxResend: number;
}

/** `matches` carry integration ids as their key. Asynchronous integrations are left to addLags. */
export function foldSpans(spans: DecodedSpan[], matches: TelemetryMatch[]): FoldResult {
  const buckets = new MinuteBuckets();
  let unattributed = 0;
  const attempts: Attempt[] = [];
  const ownCalls = new Map<string, OwnCall>();
  for (const span of spans) {
    const match = matchSpan(span, matches);
    // An asynchronous integration is measured by its deliveries' lag (async-lag.ts), not by one span.
    if (match?.lag) {
      unattributed += 1;
      continue;
    }
    let seriesKey = match?.key ?? null;
    if (!seriesKey) {
      const edge = edgeOf(span);
      // Undeclared traffic is kept from the calling side only, so one call is one observation.
      if (!edge || edge.side !== "client") {
        unattributed += 1;
        continue;
      }
      seriesKey = observedSeriesKey(edge.source, edge.target);
    }
    const atMs = Number(span.startUnixNano / 1_000_000n);
    const entry = buckets.add(seriesKey, Number(span.startUnixNano / 60_000_000_000n) * MINUTE_MS, span.durationMs, span.error, { traceId: span.traceId, spanId: span.spanId, atMs }, isThrottled(span.attributes));
    // Only the caller sees its retries: each attempt is its own client span under the same parent.
    if (span.kind !== "client") continue;
    const resendCount = resendCountOf(span.attributes);
    if (span.parentSpanId) {
      attempts.push({ callKey: callKeyOf(seriesKey, span), seriesKey, startMs: atMs, resendCount });
      continue;
    }
    // A span without a parent is a logical call of its own, complete now (only a resend of the very
    // same span can share its key), so it is counted here and needs no stored state: only spans with
    // a parent are grouped in SQL. Counted in the minute of its earliest span, like applyAttempts.
    const key = callKeyOf(seriesKey, span);
    const call = ownCalls.get(key);
    if (!call) ownCalls.set(key, { entry, spans: 1, maxResend: resendCount ?? -1 });
    else {
      call.spans += 1;
      if (resendCount !== null) call.maxResend = Math.max(call.maxResend, resendCount);
      if (entry.bucket.startMs < call.entry.bucket.startMs) call.entry = entry;
    }
  }
  for (const { entry, spans, maxResend } of ownCalls.values()) {
    const counts = (entry.bucket.attemptCounts ??= {});
    const k = String(attemptsOf({ spans, maxResend }));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return { buckets: buckets.sorted(), unattributed, attempts };
}

/** The buckets with the deliveries of asynchronous integrations added (a new list; `buckets` is not changed). */
export function addLags(buckets: FoldedBucket[], lags: LagObservation[]): FoldedBucket[] {
  if (lags.length === 0) return buckets;
  const all = new MinuteBuckets(buckets);
  for (const lag of lags) all.add(lag.seriesKey, lag.startMs, lag.lagMs, lag.error, lag.exemplar);
  return all.sorted();
}
