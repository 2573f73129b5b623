// Folding decoded spans into per-series, per-minute histograms (pure): the only shape telemetry is
// ever stored in. A series is a declared integration point (its id) or an observed edge.
import { edgeOf, matchIntegration, type TelemetryMatch } from "./attribute";
import { emptyHistogram, record, type Histogram } from "./histogram";
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

/** `matches` carry integration ids as their key. */
export function foldSpans(spans: DecodedSpan[], matches: TelemetryMatch[]): FoldResult {
  const byKey = new Map<string, FoldedBucket>();
  let unattributed = 0;
  for (const span of spans) {
    const integration = matchIntegration(span, matches);
    let seriesKey = integration;
    if (!seriesKey) {
      const edge = edgeOf(span);
      // Undeclared traffic is kept from the calling side only, so one call is one observation.
      if (!edge || edge.side !== "client") {
        unattributed += 1;
        continue;
      }
      seriesKey = observedSeriesKey(edge.source, edge.target);
    }
    const startMs = Number(span.startUnixNano / 60_000_000_000n) * MINUTE_MS;
    const id = `${seriesKey}|${startMs}`;
    let bucket = byKey.get(id);
    if (!bucket) {
      bucket = { seriesKey, startMs, count: 0, errors: 0, histogram: emptyHistogram() };
      byKey.set(id, bucket);
    }
    bucket.count += 1;
    if (span.error) bucket.errors += 1;
    record(bucket.histogram, span.durationMs);
  }
  // A stable order: concurrent writers then lock rows in the same order and cannot deadlock.
  const buckets = [...byKey.values()].sort((a, b) => (a.seriesKey === b.seriesKey ? a.startMs - b.startMs : a.seriesKey < b.seriesKey ? -1 : 1));
  return { buckets, unattributed };
}
