// Metric decoding: the OTLP specification's example shapes, both encodings from the official JS
// serializers (what the exporters send), and per-point rejection versus whole-request errors.
import { AggregationTemporality, AggregationType, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { describe, expect, it } from "vitest";
import { OtlpDecodeError } from "./otlp-json";
import { decodeMetrics, type ExplicitPoint, type ExponentialPoint, type SumPoint } from "./otlp-metrics";
import { decodeMetricsRequestProtobuf } from "./otlp-protobuf";

const attr = (key: string, stringValue: string) => ({ key, value: { stringValue } });
const T = "1544712660300000000";

// Shaped like the metrics example in the OTLP specification (opentelemetry-proto examples/metrics.json):
// a delta counter, a gauge, an explicit and an exponential histogram, all with unit "1".
const example = {
  resourceMetrics: [
    {
      resource: { attributes: [attr("service.name", "my.service")] },
      scopeMetrics: [
        {
          scope: { name: "my.library", version: "1.0.0" },
          metrics: [
            { name: "my.counter", unit: "1", sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [{ asDouble: 5, startTimeUnixNano: T, timeUnixNano: T, attributes: [attr("a", "b")] }] } },
            { name: "my.gauge", unit: "1", gauge: { dataPoints: [{ asDouble: 10, timeUnixNano: T }] } },
            {
              name: "my.histogram",
              unit: "1",
              histogram: { aggregationTemporality: 1, dataPoints: [{ startTimeUnixNano: T, timeUnixNano: T, count: "2", sum: 2, bucketCounts: ["1", "1"], explicitBounds: [1], min: 0, max: 2 }] },
            },
            {
              name: "my.exponential.histogram",
              unit: "1",
              exponentialHistogram: {
                aggregationTemporality: 1,
                dataPoints: [{ startTimeUnixNano: T, timeUnixNano: T, count: "3", sum: 10, scale: 0, zeroCount: "1", positive: { offset: 1, bucketCounts: ["0", "2"] }, min: 0, max: 5, zeroThreshold: 0 }],
              },
            },
          ],
        },
      ],
    },
  ],
};

class ManualReader extends MetricReader {
  protected override async onForceFlush() {}
  protected override async onShutdown() {}
}

/** Records known durations through the official metrics SDK and collects them as exporters would. */
async function sdkMetrics(temporality: AggregationTemporality) {
  const reader = new ManualReader({ aggregationTemporalitySelector: () => temporality });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ "service.name": "checkout" }),
    readers: [reader],
    views: [{ instrumentName: "rpc.client.duration.exp", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter("edgewise-test");
  const explicit = meter.createHistogram("rpc.client.duration", { unit: "ms", advice: { explicitBucketBoundaries: [5, 10, 50, 100] } });
  const exponential = meter.createHistogram("rpc.client.duration.exp", { unit: "s" });
  const calls = meter.createCounter("calls");
  for (const ms of [3, 7, 7, 20, 80, 400]) {
    explicit.record(ms, { "peer.service": "payments" });
    exponential.record(ms / 1000, { "peer.service": "payments" });
    calls.add(1);
  }
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return resourceMetrics;
}

describe("decodeMetrics", () => {
  it("decodes the specification's example: histograms and the monotonic sum, skipping the gauge", () => {
    const result = decodeMetrics(example);
    expect(result.rejected).toBe(0);
    expect(result.points.map((p) => [p.metric, p.type, p.temporality])).toEqual([
      ["my.counter", "sum", "delta"],
      ["my.histogram", "histogram", "delta"],
      ["my.exponential.histogram", "exponential", "delta"],
    ]);
    const [sum, hist, exp] = result.points as [SumPoint, ExplicitPoint, ExponentialPoint];
    expect(sum).toMatchObject({ value: 5, unit: "1", resource: { "service.name": "my.service" }, attributes: { a: "b" }, timeUnixNano: 1544712660300000000n });
    expect(hist).toMatchObject({ count: 2, sum: 2, min: 0, max: 2, bounds: [1], bucketCounts: [1, 1] });
    expect(exp).toMatchObject({ count: 3, scale: 0, zeroCount: 1, positive: { offset: 1, counts: [0, 2] }, negative: { offset: 0, counts: [] } });
    // Series identity ignores attribute order but not values.
    expect(sum.seriesId).not.toBe(hist.seriesId);
  });

  it.each([
    ["a temporality it does not know", { aggregationTemporality: 7 }, {}, "unknown_temporality"],
    ["an unspecified temporality", { aggregationTemporality: 0 }, {}, "unknown_temporality"],
    ["a start after its time", {}, { startTimeUnixNano: "2", timeUnixNano: "1" }, "invalid_time"],
    ["a time that is not an integer", {}, { timeUnixNano: "soon" }, "invalid_time"],
    ["more buckets than bounds allow", {}, { bucketCounts: ["1", "1", "0"] }, "invalid_buckets"],
    ["a count that is not the buckets' sum", {}, { count: "3" }, "invalid_buckets"],
    ["descending bounds", {}, { explicitBounds: [5, 1], bucketCounts: ["1", "1", "0"] }, "invalid_buckets"],
    ["a non-finite sum", {}, { sum: "NaN" }, "invalid_buckets"],
  ])("rejects a histogram point with %s, alone", (_, data, point, reason) => {
    const good = { startTimeUnixNano: "1", timeUnixNano: "2", count: "2", bucketCounts: ["1", "1"], explicitBounds: [1] };
    const body = {
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: "h", unit: "ms", histogram: { aggregationTemporality: 1, ...data, dataPoints: [{ ...good, ...point }, good] } }] }] }],
    };
    const result = decodeMetrics(body);
    const rejected = "aggregationTemporality" in data ? 2 : 1;
    expect(result.rejected).toBe(rejected);
    expect(result.byReason).toEqual({ [reason]: rejected });
    expect(result.points).toHaveLength(2 - rejected);
    expect(result.reasons[0]).toContain("resourceMetrics[0].scopeMetrics[0].metrics[0].dataPoints[0]");
  });

  it("refuses malformed envelopes as a whole, and skips points flagged as having no value", () => {
    expect(() => decodeMetrics([])).toThrow(OtlpDecodeError);
    expect(() => decodeMetrics({ resourceMetrics: 5 })).toThrow("resourceMetrics must be an array");
    expect(() => decodeMetrics({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ unit: "ms" }] }] }] })).toThrow("must be an object with a name");
    expect(() => decodeMetrics({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: "h", histogram: { dataPoints: {} } }] }] }] })).toThrow("dataPoints must be an array");
    const flagged = { resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: "c", sum: { isMonotonic: true, aggregationTemporality: 2, dataPoints: [{ timeUnixNano: "5", asInt: "3", flags: 1 }] } }] }] }] };
    expect(decodeMetrics(flagged)).toEqual({ points: [], rejected: 0, byReason: {}, reasons: [] });
  });

  it.each([AggregationTemporality.DELTA, AggregationTemporality.CUMULATIVE])("reads the official serializers' protobuf and JSON alike (temporality %s)", async (temporality) => {
    const resourceMetrics = await sdkMetrics(temporality);
    const fromProto = decodeMetrics(decodeMetricsRequestProtobuf(ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!));
    const fromJson = decodeMetrics(JSON.parse(Buffer.from(JsonMetricsSerializer.serializeRequest(resourceMetrics)!).toString("utf8")));
    expect(fromProto.rejected).toBe(0);
    expect(fromProto.points).toEqual(fromJson.points);
    const want = temporality === AggregationTemporality.DELTA ? "delta" : "cumulative";
    const explicit = fromProto.points.find((p) => p.metric === "rpc.client.duration") as ExplicitPoint;
    expect(explicit).toMatchObject({ type: "histogram", unit: "ms", temporality: want, count: 6, sum: 517, min: 3, max: 400, bounds: [5, 10, 50, 100], bucketCounts: [1, 2, 1, 1, 1] });
    expect(explicit.attributes).toEqual({ "peer.service": "payments" });
    expect(explicit.resource["service.name"]).toBe("checkout");
    const exp = fromProto.points.find((p) => p.metric === "rpc.client.duration.exp") as ExponentialPoint;
    expect(exp).toMatchObject({ type: "exponential", unit: "s", count: 6, zeroCount: 0, min: 0.003, max: 0.4 });
    expect(exp.positive.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(fromProto.points.find((p) => p.metric === "calls")).toMatchObject({ type: "sum", value: 6 });
  });

  it("refuses truncated protobuf", async () => {
    const bytes = ProtobufMetricsSerializer.serializeRequest(await sdkMetrics(AggregationTemporality.DELTA))!;
    expect(() => decodeMetricsRequestProtobuf(bytes.subarray(0, bytes.length - 5))).toThrow(OtlpDecodeError);
    expect(decodeMetricsRequestProtobuf(new Uint8Array())).toEqual({ resourceMetrics: [] });
  });
});
