// Folding decoded spans into per-series, per-minute histograms (pure): the only shape telemetry is
// ever stored in. A series is a declared integration point (its id) or an observed edge.
import type { LagObservation } from "./async-lag";
import { edgeOf, matchSpan, type TelemetryMatch } from "./attribute";
import { emptyHistogram, merge, record, type Histogram } from "./histogram";
import type { DecodedSpan } from "./otlp-json";

export const MINUTE_MS = 60_000;

export interface FoldedBucket {
  seriesKey: string;
  startMs: number;
  count: number;
  errors: number;
  histogram: Histogram;
}

export interface FoldResult {
  buckets: FoldedBucket[];
  /** Spans that measure no edge (internal spans, servers whose caller is unknown). */
  unattributed: number;
}

export const observedSeriesKey = (source: string, target: string) => `edge:${source}->${target}`;

/** Minute buckets being filled: one per (series, minute). */
class MinuteBuckets {
  private readonly byKey = new Map<string, FoldedBucket>();

  constructor(existing: FoldedBucket[] = []) {
    // Copies: the buckets handed in stay as they were.
    for (const b of existing) this.byKey.set(`${b.seriesKey}|${b.startMs}`, { ...b, histogram: merge(emptyHistogram(), b.histogram) });
  }

  add(seriesKey: string, startMs: number, valueMs: number, error: boolean) {
    const id = `${seriesKey}|${startMs}`;
    let bucket = this.byKey.get(id);
    if (!bucket) {
      bucket = { seriesKey, startMs, count: 0, errors: 0, histogram: emptyHistogram() };
      this.byKey.set(id, bucket);
    }
    bucket.count += 1;
    if (error) bucket.errors += 1;
    record(bucket.histogram, valueMs);
  }

  /** A stable order: concurrent writers then lock rows in the same order and cannot deadlock. */
  sorted(): FoldedBucket[] {
    return [...this.byKey.values()].sort((a, b) => (a.seriesKey === b.seriesKey ? a.startMs - b.startMs : a.seriesKey < b.seriesKey ? -1 : 1));
  }
}

/** `matches` carry integration ids as their key. Asynchronous integrations are left to addLags. */
export function foldSpans(spans: DecodedSpan[], matches: TelemetryMatch[]): FoldResult {
  const buckets = new MinuteBuckets();
  let unattributed = 0;
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
    buckets.add(seriesKey, Number(span.startUnixNano / 60_000_000_000n) * MINUTE_MS, span.durationMs, span.error);
  }
  return { buckets: buckets.sorted(), unattributed };
}

/** The buckets with the deliveries of asynchronous integrations added (a new list; `buckets` is not changed). */
export function addLags(buckets: FoldedBucket[], lags: LagObservation[]): FoldedBucket[] {
  if (lags.length === 0) return buckets;
  const all = new MinuteBuckets(buckets);
  for (const lag of lags) all.add(lag.seriesKey, lag.startMs, lag.lagMs, lag.error);
  return all.sorted();
}
