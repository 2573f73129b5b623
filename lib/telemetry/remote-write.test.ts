import fs from "node:fs";
import path from "node:path";
import { compress } from "snappyjs";
import { describe, expect, it } from "vitest";
import { classicHistogram, encodeWriteRequest } from "@/scripts/test/remote-write-body";
import { TEMPO_BUCKETS_S } from "@/scripts/test/spanmetrics-target";
import { alone } from "./classic-assembly";
import { cumulativeDelta, stateOf } from "./cumulative";
import { foldMetricPoints } from "./metrics-fold";
import { OtlpDecodeError } from "./otlp-json";
import type { ExplicitPoint, ExponentialPoint } from "./otlp-metrics";
import { decodeWriteRequest } from "./remote-write";
import { IGNORED_SERIES, writeRequestToMetrics as toPoints } from "./remote-write-points";

/** The points with each classic histogram assembled from this request alone (classic-assembly.test.ts covers several). */
function writeRequestToMetrics(request: Parameters<typeof toPoints>[0]) {
  const m = toPoints(request);
  return { ...m, points: m.points.map(alone).filter((p): p is Exclude<typeof p, string> => typeof p !== "string") };
}

// Recorded from Debian's Prometheus 2.42 (see fixtures/README.md): a Tempo-shaped target with these observations.
const FIXTURE = fs.readFileSync(path.join(__dirname, "fixtures/prometheus-2.42-remote-write.bin"));
const OK_OBSERVATIONS_S = [0.003, 0.003, 0.05, 0.05, 0.05, 0.2, 1.5];
const LABELS = { service: "checkout", span_name: "POST /authorize", span_kind: "SPAN_KIND_CLIENT", peer_service: "payments" };

/** Non-cumulative counts per (previous le, le], worked out from the observations directly. */
const perBucket = (observations: number[], bounds: number[]) => [...bounds, Infinity].map((le, i) => observations.filter((o) => o <= le && (i === 0 || o > bounds[i - 1]!)).length);

describe("decodeWriteRequest on a body Prometheus sent", () => {
  const request = decodeWriteRequest(FIXTURE);

  it("reads every series with its labels and samples", () => {
    // 2 span series × (15 buckets + sum + count) and Prometheus' 5 scrape series.
    expect(request.timeseries).toHaveLength(39);
    const up = request.timeseries.find((s) => s.labels.__name__ === "up")!;
    expect(up.labels.job).toBe("tempo");
    expect(up.samples).toHaveLength(1);
    expect(up.samples[0]!.value).toBe(1);
    expect(up.samples[0]!.timestampMs).toBeGreaterThan(Date.UTC(2026, 0, 1));
  });

  it("becomes one cumulative explicit point per span series; the other series are counted as ignored", () => {
    const metrics = writeRequestToMetrics(request);
    expect(metrics.rejected).toBe(0);
    expect(metrics.byReason).toEqual({ [IGNORED_SERIES]: 5 });
    const [ok, error] = ["STATUS_CODE_UNSET", "STATUS_CODE_ERROR"].map((code) => metrics.points.find((p) => p.attributes["status.code"] === code) as ExplicitPoint);
    expect(ok).toMatchObject({ type: "histogram", metric: "traces_spanmetrics_latency", unit: "s", temporality: "cumulative", startUnixNano: 0n, resource: { "service.name": "checkout" } });
    expect(ok!.attributes).toEqual({ "span.name": "POST /authorize", "span.kind": "SPAN_KIND_CLIENT", "status.code": "STATUS_CODE_UNSET", "peer.service": "payments" });
    expect(ok!.bounds).toEqual(TEMPO_BUCKETS_S);
    expect(ok!.bucketCounts).toEqual(perBucket(OK_OBSERVATIONS_S, TEMPO_BUCKETS_S));
    expect(ok!.count).toBe(7);
    expect(ok!.sum).toBeCloseTo(1.856, 9);
    expect(error!.bucketCounts).toEqual(perBucket([0.9], TEMPO_BUCKETS_S));
    expect(ok!.seriesId).not.toBe(error!.seriesId);
  });

  it("refuses a body that is not snappy, or a snappy body that is not protobuf", () => {
    expect(() => decodeWriteRequest(Buffer.from('{"timeseries":[]}'))).toThrow(OtlpDecodeError);
    expect(() => decodeWriteRequest(encodeWriteRequestRaw([0x0a, 0x05, 0x01]))).toThrow(OtlpDecodeError);
  });

  it("refuses a body that would decompress beyond the limit before decompressing it", () => {
    expect(() => decodeWriteRequest(FIXTURE, 100)).toThrow(/more than 100 bytes/);
  });
});

// A snappy body around arbitrary (here: truncated) protobuf bytes.
const encodeWriteRequestRaw = (bytes: number[]) => compress(new Uint8Array(bytes));

describe("writeRequestToMetrics", () => {
  const t0 = Date.UTC(2026, 11, 3, 12, 0, 30);
  const decode = (series: Parameters<typeof encodeWriteRequest>[0]) => writeRequestToMetrics(decodeWriteRequest(encodeWriteRequest(series)));

  it.each([
    ["Tempo", "traces_spanmetrics_latency", { ...LABELS }, "s"],
    ["the Collector (ms)", "traces_span_metrics_duration_milliseconds", { service_name: "checkout", span_name: "x", span_kind: "SPAN_KIND_CLIENT", status_code: "STATUS_CODE_UNSET", peer_service: "payments" }, "ms"],
    ["the Collector (s)", "duration_seconds", { service_name: "checkout", span_name: "x", span_kind: "SPAN_KIND_CLIENT", status_code: "STATUS_CODE_UNSET" }, "s"],
    ["servicegraph (server)", "traces_service_graph_request_server_seconds", { client: "checkout", server: "payments" }, "s"],
    ["servicegraph (client)", "traces_service_graph_request_client_seconds", { client: "checkout", server: "payments" }, "s"],
  ])("folds %s's histogram family %s", (_who, family, labels, unit) => {
    const m = decode(classicHistogram(family, labels, [0.1, 1], [0.05, 0.5, 2], t0));
    expect(m.points).toHaveLength(1);
    expect(m.points[0]).toMatchObject({ metric: family, unit, bounds: [0.1, 1], bucketCounts: [1, 1, 1], count: 3 });
    expect(m.byReason).toEqual({});
  });

  it("ignores histograms that are no span metrics and counters other than servicegraph's failed one", () => {
    const m = decode([
      ...classicHistogram("http_request_duration_seconds", { job: "api" }, [0.1], [0.05], t0),
      { labels: { __name__: "calls_total", service_name: "a", span_kind: "SPAN_KIND_CLIENT" }, samples: [{ value: 3, timestampMs: t0 }] },
      { labels: { __name__: "traces_service_graph_request_failed_total", client: "a", server: "b" }, samples: [{ value: 2, timestampMs: t0 }] },
    ]);
    expect(m.points.map((p) => [p.type, p.metric])).toEqual([["sum", "traces_service_graph_request_failed_total"]]);
    expect(m.byReason).toEqual({ [IGNORED_SERIES]: 5 }); // le 0.1 and +Inf, _sum, _count of the one; calls_total
  });

  it("groups samples by timestamp and skips staleness markers (NaN)", () => {
    const series = [...classicHistogram("traces_spanmetrics_latency", LABELS, [0.1], [0.05], t0), ...classicHistogram("traces_spanmetrics_latency", LABELS, [0.1], [0.05, 0.5], t0 + 15_000)];
    const stale = classicHistogram("traces_spanmetrics_latency", LABELS, [0.1], [], t0 + 30_000).map((s) => ({ ...s, samples: [{ value: NaN, timestampMs: t0 + 30_000 }] }));
    const m = decode([...series, ...stale]);
    expect(m.points.map((p) => [p.timeUnixNano, (p as ExplicitPoint).bucketCounts])).toEqual([
      [BigInt(t0) * 1_000_000n, [1, 0]],
      [BigInt(t0 + 15_000) * 1_000_000n, [1, 1]],
    ]);
  });

  it("keeps a histogram without its +Inf bucket, or even only its _count, for assembly with the rest of it from other requests", () => {
    const noInf = classicHistogram("traces_spanmetrics_latency", LABELS, [0.1], [0.05], t0).filter((s) => s.labels.le !== "+Inf");
    const countOnly = classicHistogram("traces_spanmetrics_latency", { ...LABELS, span_name: "y" }, [0.1], [0.05], t0).filter((s) => s.labels.__name__!.endsWith("_count"));
    const m = toPoints(decodeWriteRequest(encodeWriteRequest([...noInf, ...countOnly])));
    expect(m.points.map((p) => (p as ExplicitPoint).classic)).toEqual([{ "0.1": 1, sum: 0.05, count: 1 }, { count: 1 }]);
    expect(m.byReason).toEqual({});
  });

  it("folds cumulative scrapes into per-interval deltas and counts a restart whole", () => {
    const at = (observations: number[], ms: number) => decode(classicHistogram("traces_spanmetrics_latency", LABELS, TEMPO_BUCKETS_S, observations, ms)).points[0]!;
    const first = at([0.01], t0);
    const second = at([0.01, 0.05, 0.05, 0.3], t0 + 60_000);
    const restarted = at([0.02, 0.02], t0 + 120_000);
    // No start time in remote write: the first scrape only sets the state.
    expect(cumulativeDelta(null, first)).toEqual({ kind: "skip", why: "first" });
    const d1 = cumulativeDelta(stateOf(first), second);
    const d2 = cumulativeDelta(stateOf(second), restarted);
    if (d1.kind !== "delta" || d2.kind !== "delta") throw new Error("expected deltas");
    expect(d2.reset).toBe(true);
    const matches = [{ key: "checkout->payments:authorize", sourceName: "checkout", targetName: "payments", operation: null, side: "client" as const }];
    const folded = foldMetricPoints([d1, d2].map((d) => ({ point: d.point, exactStats: d.exactStats })), matches);
    expect(folded.buckets.map((b) => [b.seriesKey, b.count, b.approximate])).toEqual([
      ["checkout->payments:authorize", 3, 3],
      ["checkout->payments:authorize", 2, 2],
    ]);
  });
});

describe("native histograms", () => {
  it("become exponential points with OTLP's bucket indices", () => {
    // schema 0 (base 2): Prometheus buckets 1 and 2 hold (1, 2] and (2, 4]; a gap, then bucket 5 holds (16, 32].
    const histogram = { float: false, count: 6, sum: 40, schema: 0, zeroCount: 1, positive: [{ offset: 1, length: 2 }, { offset: 2, length: 1 }], positiveDeltas: [2, -1, 1], negative: [], negativeDeltas: [], positiveCounts: [], negativeCounts: [], timestampMs: 1000 };
    const m = writeRequestToMetrics({ timeseries: [{ labels: { __name__: "traces_spanmetrics_latency", ...LABELS }, samples: [], histograms: [histogram] }] });
    const p = m.points[0] as ExponentialPoint;
    expect(p.positive).toEqual({ offset: 0, counts: [2, 1, 0, 0, 2] });
    expect(p).toMatchObject({ scale: 0, zeroCount: 1, count: 6, type: "exponential", unit: "s" });
  });
});

describe("float native histograms", () => {
  const labels = { __name__: "traces_spanmetrics_latency", ...LABELS };
  // The same histogram as above, as a float one on the wire: absolute counts, count and zero count as doubles.
  const floatBody = (positiveCounts: number[], count: number) =>
    encodeWriteRequest([{ labels, samples: [], floatHistograms: [{ count, sum: 40, schema: 0, zeroCount: 1, positive: [{ offset: 1, length: 2 }, { offset: 2, length: 1 }], positiveCounts, timestampMs: 1000 }] }]);

  it("decode count_float, zero_count_float and positive_counts from the wire", () => {
    const [h] = decodeWriteRequest(floatBody([2, 1, 2], 6)).timeseries[0]!.histograms;
    expect(h).toMatchObject({ float: true, count: 6, zeroCount: 1, sum: 40, schema: 0, positiveCounts: [2, 1, 2], positiveDeltas: [], timestampMs: 1000 });
  });

  it("become the same exponential point as the integer histogram", () => {
    const p = writeRequestToMetrics(decodeWriteRequest(floatBody([2, 1, 2], 6))).points[0] as ExponentialPoint;
    expect(p.positive).toEqual({ offset: 0, counts: [2, 1, 0, 0, 2] });
    expect(p).toMatchObject({ scale: 0, zeroCount: 1, count: 6, type: "exponential", unit: "s" });
  });

  it("are rejected when a count is fractional or negative, or spans and counts disagree", () => {
    for (const [counts, count] of [[[2, 0.5, 2], 5.5], [[2, -1, 2], 4], [[2, 1], 4]] as [number[], number][]) {
      const m = writeRequestToMetrics(decodeWriteRequest(floatBody(counts, count)));
      expect(m.points).toHaveLength(0);
      expect(m.byReason).toEqual({ invalid_buckets: 1 });
    }
  });
});
