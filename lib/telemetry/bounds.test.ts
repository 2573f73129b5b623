import { describe, expect, it } from "vitest";
import { boundMetrics, boundTraces, MAX_NAME_CHARS, type TimeWindow } from "./bounds";
import { OtlpDecodeError, type DecodedSpan } from "./otlp-json";
import type { MetricPoint, MetricsRequest } from "./otlp-metrics";

const NOW_MS = Date.UTC(2026, 11, 3, 12, 0);
const window: TimeWindow = { nowMs: NOW_MS, maxFutureMs: 5 * 60_000, maxAgeMs: 14 * 86_400_000, maxDurationMs: 86_400_000 };
const ns = (ms: number) => BigInt(ms) * 1_000_000n;

function span(over: Partial<DecodedSpan> = {}): DecodedSpan {
  return { traceId: "a".repeat(32), spanId: "b".repeat(16), parentSpanId: null, name: "call", kind: "client", serviceName: "checkout", startUnixNano: ns(NOW_MS - 60_000), durationMs: 12, error: false, attributes: { "peer.service": "payments" }, links: [], ...over };
}

const traces = (spans: DecodedSpan[]) => ({ spans, rejected: 1, reasons: ["decoder's own"], byReason: { invalid_id: 1 } });

describe("boundTraces", () => {
  const long = "x".repeat(MAX_NAME_CHARS + 1);
  it.each([
    ["a valid span", span(), null],
    ["a name of exactly 255 characters", span({ serviceName: "s".repeat(MAX_NAME_CHARS) }), null],
    ["service.name over the bound", span({ serviceName: long }), "name_too_long"],
    ["peer.service of 3,000 characters", span({ attributes: { "peer.service": "p".repeat(3000) } }), "name_too_long"],
    ["server.address of 9,000 characters", span({ attributes: { "server.address": "a".repeat(9000) } }), "name_too_long"],
    ["messaging.destination.name over the bound", span({ kind: "producer", attributes: { "messaging.destination.name": long } }), "name_too_long"],
    ["client.service on a server span", span({ kind: "server", attributes: { "client.service": long } }), "name_too_long"],
    ["a long value in an attribute nobody names by", span({ attributes: { "peer.service": "payments", "http.url": long } }), null],
    ["a start at 1970", span({ startUnixNano: 0n }), "time_too_old"],
    ["a start just inside the retention", span({ startUnixNano: ns(NOW_MS - window.maxAgeMs + 1000) }), null],
    ["a start in 2500", span({ startUnixNano: ns(Date.UTC(2500, 0, 1)) }), "time_in_future"],
    ["a start a day ahead", span({ startUnixNano: ns(NOW_MS + 86_400_000) }), "time_in_future"],
    ["a start four minutes ahead (clock skew)", span({ startUnixNano: ns(NOW_MS + 4 * 60_000) }), null],
    ["ten years long", span({ startUnixNano: ns(NOW_MS - 3_600_000), durationMs: 10 * 365 * 86_400_000 }), "duration_too_long"],
    ["exactly a day long", span({ durationMs: 86_400_000 }), null],
  ])("%s", (_, s, reason) => {
    const out = boundTraces(traces([s, span({ spanId: "c".repeat(16) })]), window);
    expect(out.spans.length).toBe(reason ? 1 : 2);
    expect(out.rejected).toBe(reason ? 2 : 1);
    expect(out.byReason).toEqual(reason ? { invalid_id: 1, [reason]: 1 } : { invalid_id: 1 });
    expect(out.reasons[0]).toBe("decoder's own");
    if (reason) expect(out.reasons[1]).toMatch(/^a span: /);
  });

  it("keeps at most five reasons but counts every rejection, and leaves the request it was given alone", () => {
    const request = traces(Array.from({ length: 8 }, () => span({ serviceName: "n".repeat(300) })));
    const out = boundTraces(request, window);
    expect([out.spans.length, out.rejected, out.byReason.name_too_long, out.reasons.length]).toEqual([0, 9, 8, 5]);
    expect(request.spans.length).toBe(8);
    expect(request.rejected).toBe(1);
  });
});

function histogram(count: number, over: Partial<MetricPoint> = {}): MetricPoint {
  return {
    type: "histogram", seriesId: "s", metric: "traces_service_graph_request_client", unit: "s", temporality: "delta",
    resource: {}, attributes: { client: "checkout", server: "payments" }, startUnixNano: ns(NOW_MS - 120_000), timeUnixNano: ns(NOW_MS - 60_000),
    count, sum: null, min: null, max: null, bounds: [1], bucketCounts: [count, 0],
    ...over,
  } as MetricPoint;
}
const metrics = (points: MetricPoint[]): MetricsRequest => ({ points, rejected: 0, reasons: [], byReason: {} });

describe("boundMetrics", () => {
  it.each([
    ["a valid point", histogram(10), null],
    ["client attribute over the bound", histogram(10, { attributes: { client: "c".repeat(3000), server: "payments" } }), "name_too_long"],
    ["service.name on the resource over the bound", histogram(10, { resource: { "service.name": "r".repeat(256) } }), "name_too_long"],
    ["dated 2500", histogram(10, { timeUnixNano: ns(Date.UTC(2500, 0, 1)) }), "time_in_future"],
    ["dated 1970", histogram(10, { startUnixNano: 0n, timeUnixNano: 1n }), "time_too_old"],
    ["a cumulative point started long ago, dated now", histogram(10, { temporality: "cumulative", startUnixNano: 1n }), null],
  ])("%s", (_, p, reason) => {
    const out = boundMetrics(metrics([p]), window);
    expect([out.points.length, out.rejected]).toEqual(reason ? [0, 1] : [1, 0]);
    expect(out.byReason).toEqual(reason ? { [reason]: 1 } : {});
  });

  it("refuses a request whose counts sum beyond 2^53 − 1, and takes one that sums to exactly that", () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(() => boundMetrics(metrics([histogram(max), histogram(1)]), window)).toThrow(OtlpDecodeError);
    expect(() => boundMetrics(metrics([histogram(max), histogram(1)]), window)).toThrow(/9007199254740992, more than 2\^53/);
    expect(boundMetrics(metrics([histogram(max - 1), histogram(1)]), window).points).toHaveLength(2);
  });
});
