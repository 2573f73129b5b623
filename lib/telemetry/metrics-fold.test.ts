// Which points are folded, and where: spanmetrics and servicegraph series attributed like spans.
import { describe, expect, it } from "vitest";
import type { TelemetryMatch } from "./attribute";
import { quantile } from "./histogram";
import { foldMetricPoints, roleOf } from "./metrics-fold";
import type { ExplicitPoint, ExponentialPoint, MetricPoint, SumPoint } from "./otlp-metrics";

const MIN = 60_000_000_000n;
const T = 29_000_000n * MIN; // a whole minute
const explicit = (metric: string, unit: string, attributes: Record<string, string>, bucketCounts: number[], resource: Record<string, string> = {}): ExplicitPoint => ({
  seriesId: metric,
  metric,
  unit,
  temporality: "delta",
  resource,
  attributes,
  startUnixNano: T,
  timeUnixNano: T + MIN,
  type: "histogram",
  count: bucketCounts.reduce((a, b) => a + b, 0),
  sum: null,
  min: null,
  max: null,
  bounds: [10, 100, 1000],
  bucketCounts,
});
const failed = (client: string, server: string, value: number): SumPoint => ({ ...explicit("traces_service_graph_request_failed_total", "", { client, server }, []), type: "sum", value });
const spanmetrics = (attrs: Record<string, string>, counts: number[], unit = "ms") =>
  explicit("traces.span.metrics.duration", unit, { "span.name": "authorize", "span.kind": "SPAN_KIND_CLIENT", "status.code": "STATUS_CODE_UNSET", ...attrs }, counts, { "service.name": "checkout" });

const matches: TelemetryMatch[] = [
  { key: "ip-pay", sourceName: "checkout", targetName: "payments", operation: null, side: "client" },
  { key: "ip-stock", sourceName: "checkout", targetName: "stock", operation: null, side: "server" },
];
const fold = (points: MetricPoint[]) => foldMetricPoints(points.map((point) => ({ point, exactStats: true })), matches);

describe("roleOf", () => {
  it.each([
    ["traces.span.metrics.duration", { "span.kind": "SPAN_KIND_SERVER" }, "span-duration"],
    ["duration", { "span.kind": "SPAN_KIND_CLIENT" }, "span-duration"],
    ["latency", { "span.kind": "SPAN_KIND_CLIENT" }, "span-duration"],
    ["traces_spanmetrics_latency", { "span.kind": "SPAN_KIND_CLIENT" }, "span-duration"],
    ["http.server.request.duration", {}, null],
    ["traces_service_graph_request_server_seconds", {}, "edge-duration"],
    ["traces_service_graph_request_client", {}, "edge-duration"],
    ["traces_service_graph_request_total", {}, null],
  ])("%s %j → %s", (metric, attributes, role) => {
    expect(roleOf(explicit(metric, "s", attributes, [1, 0, 0, 0]))?.role ?? null).toBe(role);
  });

  it("takes servicegraph's failed counter but neither connector's call counters", () => {
    expect(roleOf(failed("a", "b", 1))).toEqual({ role: "edge-failed" });
    expect(roleOf({ ...failed("a", "b", 1), metric: "traces.span.metrics.calls" })).toBeNull();
  });
});

describe("foldMetricPoints", () => {
  it("attributes spanmetrics series like spans: declared integration, else observed edge, errors from status", () => {
    const result = fold([
      spanmetrics({ "peer.service": "payments" }, [1, 2, 1, 0]),
      spanmetrics({ "peer.service": "payments", "status.code": "STATUS_CODE_ERROR" }, [0, 0, 0, 2]),
      spanmetrics({ "peer.service": "ledger" }, [3, 0, 0, 0]),
      spanmetrics({ "span.kind": "SPAN_KIND_INTERNAL" }, [3, 0, 0, 0]),
    ]);
    expect(result.buckets.map((b) => [b.seriesKey, b.startMs, b.count, b.errors, b.approximate])).toEqual([
      ["edge:checkout->ledger", 29_000_000 * 60_000, 3, 0, 3],
      ["ip-pay", 29_000_000 * 60_000, 6, 2, 6],
    ]);
    expect(result).toMatchObject({ used: 3, unattributed: 1, unknownUnit: 0 });
    expect(quantile(result.buckets[1]!.histogram, 1)).toBe(1000); // the overflow bucket's lower edge
  });

  it("counts one side per servicegraph edge, the integration's side, and adds the failed counter as errors", () => {
    const edge = { client: "checkout", server: "payments" };
    const result = fold([
      explicit("traces_service_graph_request_client_seconds", "s", edge, [4, 0, 0, 0]),
      explicit("traces_service_graph_request_server_seconds", "s", edge, [4, 0, 0, 0]),
      explicit("traces_service_graph_request_server_seconds", "s", { client: "checkout", server: "stock" }, [0, 2, 0, 0]),
      explicit("traces_service_graph_request_client_seconds", "s", { client: "checkout", server: "stock" }, [0, 2, 0, 0]),
      failed("checkout", "payments", 1),
      failed("checkout", "stock", 5), // more failures than calls this minute: capped at the calls
    ]);
    // As with spans, the client side of an edge declared server-side is kept as observed traffic.
    expect(result.buckets.map((b) => [b.seriesKey, b.count, b.errors])).toEqual([
      ["edge:checkout->stock", 2, 0],
      ["ip-pay", 4, 1],
      ["ip-stock", 2, 2],
    ]);
    expect(result.unattributed).toBe(1);
    // Seconds: a bucket (−∞, 10 s] holds its four calls at 5 s.
    expect(Math.round(quantile(result.buckets[1]!.histogram, 0.5)! / 100)).toBe(50);
  });

  it("rejects duration histograms in an unknown unit, and marks only coarse buckets approximate", () => {
    expect(fold([spanmetrics({ "peer.service": "payments" }, [1, 0, 0, 0], "1")])).toMatchObject({ buckets: [], unknownUnit: 1 });
    const fine: ExponentialPoint = { ...spanmetrics({ "peer.service": "payments" }, []), type: "exponential", count: 2, scale: 8, zeroCount: 0, positive: { offset: 1000, counts: [2] }, negative: { offset: 0, counts: [] } };
    const coarse: ExponentialPoint = { ...fine, scale: 2, positive: { offset: 16, counts: [3] }, count: 3 };
    expect(fold([fine]).buckets[0]).toMatchObject({ count: 2, approximate: 0 });
    expect(fold([fine, coarse]).buckets[0]).toMatchObject({ count: 5, approximate: 3 });
  });
});
