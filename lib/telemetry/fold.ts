// Folding decoded spans into per-series, per-minute histograms (pure): the only shape telemetry is
// ever stored in. A series is a declared integration point (its id) or an observed edge.
import type { LagObservation } from "./async-lag";
import { edgeOf, matchSpan, type TelemetryMatch } from "./attribute";
import { ExemplarPicker, type Exemplar } from "./exemplars";
import { emptyHistogram, merge, record, type Histogram } from "./histogram";
import type { DecodedSpan } from "./otlp-json";
import { addAttemptCounts, applyAttempts, callKeyOf, isThrottled, resendCountOf, type Attempt, type AttemptCounts, type RetryDelta } from "./retries";

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

/** Minute buckets being filled: one per (series, minute). */
class MinuteBuckets {
  private readonly byKey = new Map<string, { bucket: FoldedBucket; picker: ExemplarPicker }>();

  constructor(existing: FoldedBucket[] = []) {
    // Copies: the buckets handed in stay as they were.
    for (const b of existing) {
      const picker = new ExemplarPicker();
      for (const e of b.exemplars) picker.add(e);
      this.byKey.set(`${b.seriesKey}|${b.startMs}`, { bucket: { ...b, histogram: merge(emptyHistogram(), b.histogram) }, picker });
    }
  }

  /** `exemplar`: the call's ids, when it has a trace to open. */
  private entry(seriesKey: string, startMs: number) {
    const id = `${seriesKey}|${startMs}`;
    let entry = this.byKey.get(id);
    if (!entry) {
      entry = { bucket: { seriesKey, startMs, count: 0, errors: 0, histogram: emptyHistogram(), exemplars: [] }, picker: new ExemplarPicker() };
      this.byKey.set(id, entry);
    }
    return entry;
  }

  add(seriesKey: string, startMs: number, valueMs: number, error: boolean, exemplar?: { traceId: string; spanId: string; atMs: number }, throttled = false) {
    const entry = this.entry(seriesKey, startMs);
    entry.bucket.count += 1;
    if (error) entry.bucket.errors += 1;
    if (throttled) entry.bucket.throttled = (entry.bucket.throttled ?? 0) + 1;
    record(entry.bucket.histogram, valueMs);
    if (exemplar) entry.picker.add({ ...exemplar, durationMs: valueMs, error });
  }

  /** Adds what logical calls change by; a minute with no call in this batch gets a bucket of 0 calls. */
  addRetries(delta: RetryDelta) {
    const { bucket } = this.entry(delta.seriesKey, delta.startMs);
    bucket.attemptCounts = addAttemptCounts(bucket.attemptCounts ?? {}, delta.attemptCounts);
  }

  /** A stable order: concurrent writers then lock rows in the same order and cannot deadlock. */
  sorted(): FoldedBucket[] {
    return [...this.byKey.values()]
      .map(({ bucket, picker }) => ({ ...bucket, exemplars: picker.picked() }))
      .sort((a, b) => (a.seriesKey === b.seriesKey ? a.startMs - b.startMs : a.seriesKey < b.seriesKey ? -1 : 1));
  }
}

/** `matches` carry integration ids as their key. Asynchronous integrations are left to addLags. */
export function foldSpans(spans: DecodedSpan[], matches: TelemetryMatch[]): FoldResult {
  const buckets = new MinuteBuckets();
  let unattributed = 0;
  const attempts: Attempt[] = [];
  const ownCalls: Attempt[] = [];
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
    buckets.add(seriesKey, Number(span.startUnixNano / 60_000_000_000n) * MINUTE_MS, span.durationMs, span.error, { traceId: span.traceId, spanId: span.spanId, atMs }, isThrottled(span.attributes));
    // Only the caller sees its retries: each attempt is its own client span under the same parent.
    if (span.kind !== "client") continue;
    const attempt = { callKey: callKeyOf(seriesKey, span), seriesKey, startMs: atMs, resendCount: resendCountOf(span.attributes) };
    (span.parentSpanId ? attempts : ownCalls).push(attempt);
  }
  // A span without a parent is a logical call of its own, complete now (no later span can share its
  // key), so it is counted here and needs no stored state: only spans with a parent are grouped in SQL.
  for (const delta of applyAttempts(new Map(), ownCalls).deltas) buckets.addRetries(delta);
  return { buckets: buckets.sorted(), unattributed, attempts };
}

/** The buckets with what the batch's logical calls change by (a new list; `buckets` is not changed). */
export function addRetries(buckets: FoldedBucket[], deltas: RetryDelta[]): FoldedBucket[] {
  if (deltas.length === 0) return buckets;
  const all = new MinuteBuckets(buckets);
  for (const d of deltas) all.addRetries(d);
  return all.sorted();
}

/** The buckets with the deliveries of asynchronous integrations added (a new list; `buckets` is not changed). */
export function addLags(buckets: FoldedBucket[], lags: LagObservation[]): FoldedBucket[] {
  if (lags.length === 0) return buckets;
  const all = new MinuteBuckets(buckets);
  for (const lag of lags) all.add(lag.seriesKey, lag.startMs, lag.lagMs, lag.error, lag.exemplar);
  return all.sorted();
}
