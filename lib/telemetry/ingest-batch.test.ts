// The pure batch step: what one decoded request becomes — buckets, lag halves to pair, counts for a
// new and for a retried receipt, the answer — with every figure worked out by hand.
import { describe, expect, it } from "vitest";
import type { TelemetryMatch } from "./attribute";
import { addLags } from "./fold";
import { emptyHistogram, record } from "./histogram";
import { metricPointsToFold, metricsBatch, retryAnswer, traceBatch } from "./ingest-batch";
import type { DecodedSpan, TraceRequest } from "./otlp-json";
import type { ExplicitPoint, MetricsRequest } from "./otlp-metrics";

const MIN_NS = 60_000_000_000n;
const T = 29_000_000n * MIN_NS; // a whole minute, in ns
const T_MS = Number(T / 1_000_000n);

const matches: TelemetryMatch[] = [
  { key: "ip-pay", sourceName: "checkout", targetName: "payments", operation: null, side: "client" },
  { key: "ip-ship", sourceName: "orders", targetName: "shipping", operation: null, side: "client", lag: true },
];

let nextId = 0;
function span(kind: DecodedSpan["kind"], service: string, attributes: DecodedSpan["attributes"], startNs: bigint, durationMs: number, error = false): DecodedSpan {
  nextId += 1;
  return { traceId: "a".repeat(32), spanId: nextId.toString(16).padStart(16, "0"), parentSpanId: null, name: "op", kind, serviceName: service, startUnixNano: startNs, durationMs, error, attributes, links: [] };
}
const request = (spans: DecodedSpan[], rejected = 0): TraceRequest => ({ spans, rejected, reasons: rejected ? ["spans[9]: bad id"] : [], byReason: rejected ? { invalid_id: rejected } : {} });
const histogramOf = (...valuesMs: number[]) => {
  const h = emptyHistogram();
  for (const v of valuesMs) record(h, v);
  return h;
};

describe("traceBatch", () => {
  it("folds declared and observed calls per minute, leaves server and internal spans out, and says what to count", () => {
    const slowError = span("client", "checkout", { "peer.service": "payments" }, T + 59n * 1_000_000_000n, 30, true);
    const batch = traceBatch(
      request(
        [
          span("client", "checkout", { "peer.service": "payments" }, T, 12),
          slowError,
          span("client", "checkout", { "peer.service": "payments" }, T + MIN_NS, 7),
          span("client", "cart", { "peer.service": "pricing" }, T, 5),
          span("server", "payments", {}, T, 11),
          span("internal", "checkout", {}, T, 1),
        ],
        1,
      ),
      matches,
      "digest-1",
    );
    // Each bucket's exemplars: the first errors, then the slowest others.
    expect(batch.buckets.map((b) => b.exemplars.map((e) => [e.durationMs, e.error]))).toEqual([[[5, false]], [[30, true], [12, false]], [[7, false]]]);
    expect(batch.buckets[1]!.exemplars[0]).toEqual({ traceId: slowError.traceId, spanId: slowError.spanId, durationMs: 30, atMs: T_MS + 59_000, error: true });
    expect({ ...batch, buckets: batch.buckets.map(({ exemplars: _, ...b }) => b) }).toEqual({
      signal: "traces",
      digest: "digest-1",
      buckets: [
        // Each client span is an attempt of a logical call; none has a parent, so each is a call of its
        // own, complete in this batch: counted here (one attempt each), nothing left to group in SQL.
        { seriesKey: "edge:cart->pricing", startMs: T_MS, count: 1, errors: 0, histogram: histogramOf(5), attemptCounts: { "1": 1 } },
        { seriesKey: "ip-pay", startMs: T_MS, count: 2, errors: 1, histogram: histogramOf(12, 30), attemptCounts: { "1": 2 } },
        { seriesKey: "ip-pay", startMs: T_MS + 60_000, count: 1, errors: 0, histogram: histogramOf(7), attemptCounts: { "1": 1 } },
      ],
      lagHalves: [],
      attempts: [],
      counts: { ifNew: { accepted: 6, invalid_id: 1 }, ifRetry: { duplicate: 6 } },
      accepted: 6,
      rejected: 1,
      message: "1 span(s) rejected: spans[9]: bad id",
    });
  });

  it("keeps the producer and consumer halves of a declared asynchronous integration for pairing; its lag is not folded until they pair", () => {
    const producer = span("producer", "orders", { "messaging.destination.name": "order-ready" }, T, 2);
    const consumer = { ...span("consumer", "shipping", {}, T + 900_000_000n, 4), parentSpanId: producer.spanId };
    const unrelated = span("producer", "billing", { "messaging.destination.name": "invoices" }, T, 2);
    const batch = traceBatch(request([producer, consumer, unrelated]), matches, "d");
    // Publishing is an observed call to its destination; the integration's own series waits for deliveries.
    expect(batch.buckets.map((b) => b.seriesKey)).toEqual(["edge:billing->invoices", "edge:orders->order-ready"]);
    expect(batch.lagHalves.map((h) => [h.role, h.service, h.ref.spanId])).toEqual([
      ["producer", "orders", producer.spanId],
      ["consumer", "shipping", producer.spanId],
    ]);
    // Without a declared asynchronous integration nothing waits for a partner.
    expect(traceBatch(request([producer, consumer]), matches.slice(0, 1), "d").lagHalves).toEqual([]);
  });

  it("a retry of the request answers nothing accepted and the decoder's rejections", () => {
    expect(retryAnswer(request([span("client", "checkout", { "peer.service": "payments" }, T, 1)], 2), "traces")).toEqual({ accepted: 0, rejected: 2, duplicate: true, message: "2 span(s) rejected: spans[9]: bad id" });
  });
});

describe("addLags", () => {
  it("adds deliveries to their minute, merging with a bucket already there, without changing the buckets it was given", () => {
    const buckets = [{ seriesKey: "ip-ship", startMs: T_MS, count: 1, errors: 0, histogram: histogramOf(100), exemplars: [] }];
    const merged = addLags(buckets, [
      { seriesKey: "ip-ship", startMs: T_MS, lagMs: 900, error: true },
      { seriesKey: "ip-ship", startMs: T_MS + 60_000, lagMs: 50, error: false },
      { seriesKey: "ip-a", startMs: T_MS, lagMs: 10, error: false },
    ]);
    expect(merged).toEqual([
      { seriesKey: "ip-a", startMs: T_MS, count: 1, errors: 0, histogram: histogramOf(10), exemplars: [] },
      { seriesKey: "ip-ship", startMs: T_MS, count: 2, errors: 1, histogram: histogramOf(100, 900), exemplars: [] },
      { seriesKey: "ip-ship", startMs: T_MS + 60_000, count: 1, errors: 0, histogram: histogramOf(50), exemplars: [] },
    ]);
    expect(buckets).toEqual([{ seriesKey: "ip-ship", startMs: T_MS, count: 1, errors: 0, histogram: histogramOf(100), exemplars: [] }]);
    expect(addLags(buckets, [])).toBe(buckets);
  });
});

describe("metric batches", () => {
  const point = (over: Partial<ExplicitPoint>): ExplicitPoint => ({
    seriesId: "s",
    metric: "traces.span.metrics.duration",
    unit: "ms",
    temporality: "delta",
    resource: { "service.name": "checkout" },
    attributes: { "span.name": "authorize", "span.kind": "SPAN_KIND_CLIENT", "status.code": "STATUS_CODE_UNSET", "peer.service": "payments" },
    startUnixNano: T,
    timeUnixNano: T + MIN_NS,
    type: "histogram",
    count: 3,
    sum: 30,
    min: 5,
    max: 15,
    bounds: [10],
    bucketCounts: [2, 1],
    ...over,
  });
  const metrics = (points: ExplicitPoint[]): MetricsRequest => ({ points, rejected: 1, byReason: { invalid_time: 1 }, reasons: ["dataPoints[4]: bad time"] });

  it("splits what is folded: delta points as they are, cumulative ones for their series state, others not at all", () => {
    const delta = point({});
    const cumulative = point({ temporality: "cumulative" });
    const other = point({ metric: "queue.depth" });
    expect(metricPointsToFold(metrics([delta, cumulative, other]))).toEqual({ deltas: [{ point: delta, exactStats: true }], cumulative: [cumulative] });
  });

  it("counts points with a unit that is no duration as rejected, in the counts and the answer", () => {
    const request = metrics([point({}), point({ unit: "By" }), point({ metric: "queue.depth" })]);
    const batch = metricsBatch(request, matches, "m", metricPointsToFold(request).deltas);
    expect(batch.buckets.map((b) => [b.seriesKey, b.startMs, b.count, b.errors, b.approximate])).toEqual([["ip-pay", T_MS, 3, 0, 3]]);
    expect(batch.counts).toEqual({ ifNew: { accepted: 2, invalid_time: 1, unknown_unit: 1 }, ifRetry: { duplicate: 3 } });
    expect([batch.accepted, batch.rejected, batch.message]).toEqual([2, 2, "2 data point(s) rejected: dataPoints[4]: bad time; 1 histogram point(s) with a unit that is not s, ms, us or ns"]);
  });
});
