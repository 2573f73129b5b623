// /v1/metrics through its real route handler and a real PostgreSQL: what the Collector's spanmetrics
// and servicegraph connectors send (hand-built to mirror it, and through the official serializer),
// cumulative series across requests and resets, retries, bad input, rejection counts and the 429s.
import { gzipSync } from "node:zlib";
import { AggregationTemporality, AggregationType, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { ingestMetrics } from "@/lib/telemetry/ingest";
import { flushRejectedRequests } from "@/lib/telemetry/ingest-counts";
import { latencyQuerySchema, latencySeries } from "@/lib/telemetry/latency";
import { otlpRoute } from "@/lib/telemetry/otlp-http";
import { decodeMetrics } from "@/lib/telemetry/otlp-metrics";
import { ConcurrencyGate, TokenBuckets } from "@/lib/telemetry/overload";
import { actorFor, makeService, makeTeam, makeUser } from "@/scripts/test/factories";
import { POST } from "./route";

const MIN = 60_000_000_000n;
// An hour-aligned minute an hour ago: recent enough that minute buckets are what the API reads.
const T0_MS = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
const T0 = BigInt(T0_MS) * 1_000_000n;

async function token(scopes: ("telemetry:write" | "catalog:read")[]) {
  const user = await makeUser("member");
  return (await createToken(systemActor("test"), { name: "otel", scopes, userEmail: user.email })).token;
}

async function estate() {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const { view } = await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "call", style: "sync", protocol: "grpc", budget: { p99Ms: 100 } });
  return { a: a.slug, b: b.slug, member, key: view.key, id: view.id, auth: `Bearer ${await token(["telemetry:write"])}` };
}

const str = (key: string, stringValue: string) => ({ key, value: { stringValue } });

/** A spanmetrics duration point as the connector sends it (explicit buckets in ms). */
function spanmetricsPoint(point: Record<string, unknown>, status = "STATUS_CODE_UNSET", peer?: string) {
  return {
    attributes: [str("span.name", "call"), str("span.kind", "SPAN_KIND_CLIENT"), str("status.code", status), ...(peer ? [str("peer.service", peer)] : [])],
    explicitBounds: [2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000],
    ...point,
  };
}
function spanmetricsBody(service: string, temporality: 1 | 2, points: unknown[], unit = "ms") {
  return {
    resourceMetrics: [
      {
        resource: { attributes: [str("service.name", service)] },
        scopeMetrics: [{ scope: { name: "spanmetricsconnector" }, metrics: [{ name: "traces.span.metrics.duration", unit, histogram: { aggregationTemporality: temporality, dataPoints: points } }] }],
      },
    ],
  };
}
const counts = (byBucket: Record<number, number>) => Array.from({ length: 12 }, (_, i) => String(byBucket[i] ?? 0));
const total = (byBucket: Record<number, number>) => String(Object.values(byBucket).reduce((x, y) => x + y, 0));

const post = (headers: Record<string, string>, body: BodyInit, handler = POST) => handler(new NextRequest("http://localhost/v1/metrics", { method: "POST", headers, body }));
const json = (auth: string) => ({ authorization: auth, "content-type": "application/json" });

async function latency(member: Awaited<ReturnType<typeof estate>>["member"], key: string, minutes = 10) {
  return latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(T0_MS).toISOString(), to: new Date(T0_MS + minutes * 60_000).toISOString(), step: `${minutes}m` }));
}

async function intake(outcome: string) {
  const rows = await db().ingestCount.findMany({ where: { signal: "metrics", outcome } });
  return rows.reduce((n, r) => n + Number(r.count), 0);
}

describe("POST /v1/metrics", () => {
  it("folds delta spanmetrics histograms into the integration with exact counts, errors from status, and says percentiles are approximate", async () => {
    const { a, b, member, key, auth } = await estate();
    const ok = { 5: 90, 6: 8, 7: 2 }; // (10,50] ×90, (50,100] ×8, (100,200] ×2
    const body = spanmetricsBody(a, 1, [
      spanmetricsPoint({ startTimeUnixNano: String(T0), timeUnixNano: String(T0 + MIN / 2n), count: total(ok), bucketCounts: counts(ok), min: 12, max: 180, sum: 3000 }, "STATUS_CODE_UNSET", b),
      spanmetricsPoint({ startTimeUnixNano: String(T0), timeUnixNano: String(T0 + MIN / 2n), count: "5", bucketCounts: counts({ 9: 5 }), min: 500, max: 700 }, "STATUS_CODE_ERROR", b),
    ]);
    const res = await post(json(auth), JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const read = await latency(member, key);
    expect(read.approximate).toBe(true);
    const [step] = read.series;
    expect(step).toMatchObject({ count: 105, errors: 5 });
    // Rank 53 lies in (10, 50] (narrowed to [12, 50] by min); rank 104 among the errors in (400, 800] ∩ [500, 700].
    expect(step!.p50).toBeGreaterThanOrEqual(12);
    expect(step!.p50).toBeLessThanOrEqual(50 * 1.005);
    expect(step!.p99).toBeGreaterThanOrEqual(500 * 0.995);
    expect(step!.p99).toBeLessThanOrEqual(700);
    // A retry of the same body is acknowledged and counts nothing.
    const before = await intake("duplicate");
    expect((await post(json(auth), JSON.stringify(body))).status).toBe(200);
    expect((await latency(member, key)).series[0]!.count).toBe(105);
    expect(await intake("duplicate")).toBe(before + 2);
  });

  it("delta batches (one statement each, no series state to lock) from concurrent writers merge exactly into one bucket", async () => {
    const { a, b, member, key, auth } = await estate();
    const bodies = Array.from({ length: 8 }, (_, i) =>
      JSON.stringify(spanmetricsBody(a, 1, [spanmetricsPoint({ startTimeUnixNano: String(T0), timeUnixNano: String(T0 + BigInt(i + 1) * 1_000_000_000n), count: "10", bucketCounts: counts({ 5: 10 }) }, i % 2 ? "STATUS_CODE_ERROR" : "STATUS_CODE_UNSET", b)])),
    );
    const answers = await Promise.all(bodies.map((body) => post(json(auth), body)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await latency(member, key)).series[0]).toMatchObject({ count: 80, errors: 40 });
  });

  it("turns cumulative points into deltas across requests, restarts on a reset, and ignores older points", async () => {
    const { a, b, member, key, auth } = await estate();
    const start = T0 - 3600n * 1_000_000_000n; // a series running for an hour before Edgewise sees it
    const point = (s: bigint, minute: bigint, c: Record<number, number>) =>
      spanmetricsPoint({ startTimeUnixNano: String(s), timeUnixNano: String(T0 + minute * MIN + MIN / 2n), count: total(c), bucketCounts: counts(c) }, "STATUS_CODE_UNSET", b);
    const send = async (...points: unknown[]) => (await post(json(auth), JSON.stringify(spanmetricsBody(a, 2, points)))).status;
    expect(await send(point(start, 0n, { 5: 1000 }))).toBe(200); // first point: sets the state only
    expect(await send(point(start, 1n, { 5: 1010, 6: 5 }))).toBe(200); // +15
    expect(await send(point(start, 1n, { 5: 1005 }))).toBe(200); // not newer: ignored
    const restarted = T0 + 2n * MIN + 10n * 1_000_000_000n;
    expect(await send(point(restarted, 2n, { 5: 4 }))).toBe(200); // reset: counts whole, +4
    expect(await send(point(restarted, 3n, { 5: 4, 7: 3 }))).toBe(200); // +3
    const read = await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(T0_MS).toISOString(), to: new Date(T0_MS + 4 * 60_000).toISOString(), step: "1m" }));
    expect(read.series.map((s) => s.count)).toEqual([0, 15, 4, 3]);
  });

  it("folds servicegraph's cumulative client histograms and failed counter onto the declared edge, counting one side", async () => {
    const { a, b, member, key, auth } = await estate();
    const start = T0 - 10n * MIN;
    const edge = [str("client", a), str("server", b), str("connection_type", "")];
    const histogram = (name: string, minute: bigint, c: Record<number, number>) => ({
      name,
      unit: "s",
      histogram: {
        aggregationTemporality: 2,
        dataPoints: [{ attributes: edge, startTimeUnixNano: String(start), timeUnixNano: String(T0 + minute * MIN + 1n), count: total(c), bucketCounts: Array.from({ length: 4 }, (_, i) => String(c[i] ?? 0)), explicitBounds: [0.01, 0.1, 1] }],
      },
    });
    const failed = (minute: bigint, value: number) => ({
      name: "traces_service_graph_request_failed_total",
      sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ attributes: edge, startTimeUnixNano: String(start), timeUnixNano: String(T0 + minute * MIN + 1n), asInt: String(value) }] },
    });
    const send = (minute: bigint, c: Record<number, number>, failures: number) =>
      post(json(auth), JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ scope: { name: "servicegraph" }, metrics: [histogram("traces_service_graph_request_client_seconds", minute, c), histogram("traces_service_graph_request_server_seconds", minute, c), failed(minute, failures)] }] }] }));
    expect((await send(0n, { 1: 50 }, 2)).status).toBe(200); // a series ten minutes old: sets the state
    expect((await send(1n, { 1: 70, 2: 10 }, 5)).status).toBe(200); // +30 calls, +3 failed
    const read = await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(T0_MS).toISOString(), to: new Date(T0_MS + 2 * 60_000).toISOString(), step: "1m" }));
    expect(read.series.map((s) => [s.count, s.errors])).toEqual([
      [0, 0],
      [30, 3],
    ]);
    // (0.01, 0.1] s ×20 and (0.1, 1] s ×10: the median sits in the first, in milliseconds.
    expect(read.series[1]!.p50).toBeGreaterThan(10);
    expect(read.series[1]!.p50).toBeLessThanOrEqual(100 * 1.005);
    expect(read.approximate).toBe(true);
  });

  it("two writers racing on one cumulative series count each interval once, whichever commits first", async () => {
    const { a, b, member, key, id } = await estate();
    const start = T0 - 3600n * 1_000_000_000n;
    const body = (minute: bigint, c: number) => spanmetricsBody(a, 2, [spanmetricsPoint({ startTimeUnixNano: String(start), timeUnixNano: String(T0 + minute * MIN + 1n), count: String(c), bucketCounts: counts({ 5: c }) }, "STATUS_CODE_UNSET", b)]);
    const ingest = (minute: bigint, c: number) => ingestMetrics(systemActor("collector"), decodeMetrics(body(minute, c)), `race-${id}-${minute}`);
    await ingest(0n, 100);
    await Promise.all([ingest(1n, 130), ingest(2n, 170), ingest(1n, 130)]);
    const read = await latency(member, key);
    // From 100 to 170 is 70 calls, however the three transactions interleaved.
    expect(read.series[0]!.count).toBe(70);
  });

  it("reads the official serializer's protobuf, answers in protobuf, and keeps fine exponential buckets exact", async () => {
    const { a, b, member, key, auth } = await estate();
    class ManualReader extends MetricReader {
      protected override async onForceFlush() {}
      protected override async onShutdown() {}
    }
    const reader = new ManualReader({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ "service.name": a }),
      readers: [reader],
      views: [{ instrumentName: "duration", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
    });
    const histogram = provider.getMeter("spanmetrics").createHistogram("duration", { unit: "s" });
    // 100.0 … 199.9 ms: one doubling, so the SDK keeps its finest useful scale (7, buckets 0.5 % apart).
    const durations = Array.from({ length: 1000 }, (_, i) => (100 + i / 10) / 1000);
    for (const s of durations) histogram.record(s, { "span.name": "call", "span.kind": "SPAN_KIND_CLIENT", "status.code": "STATUS_CODE_OK", "peer.service": b });
    const { resourceMetrics } = await reader.collect();
    await provider.shutdown();
    const bytes = ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!;
    const res = await post({ authorization: auth, "content-type": "application/x-protobuf", "content-encoding": "gzip" }, gzipSync(bytes));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    const now = Date.now();
    const read = await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(now - 10 * 60_000).toISOString(), to: new Date(now + 60_000).toISOString(), step: "1m" }));
    const step = read.series.find((s) => s.count > 0)!;
    expect(read.approximate).toBe(false);
    expect(step.count).toBe(1000);
    for (const [q, p] of [[0.5, step.p50], [0.95, step.p95], [0.99, step.p99]] as const) {
      const exact = 100 + (Math.ceil(q * 1000) - 1) / 10; // nearest rank
      expect(Math.abs(p! / exact - 1)).toBeLessThanOrEqual(0.01);
    }
  });

  it("rejects points it cannot use with partialSuccess (JSON and protobuf), and counts them by reason", async () => {
    const { a, b, auth } = await estate();
    const [badBuckets, badUnit] = [await intake("invalid_buckets"), await intake("unknown_unit")];
    const good = spanmetricsPoint({ startTimeUnixNano: String(T0), timeUnixNano: String(T0 + 1n), count: "1", bucketCounts: counts({ 5: 1 }) }, "STATUS_CODE_UNSET", b);
    const bad = spanmetricsPoint({ startTimeUnixNano: String(T0), timeUnixNano: String(T0 + 1n), count: "2", bucketCounts: counts({ 5: 1 }) }, "STATUS_CODE_UNSET", b);
    const res = await post(json(auth), JSON.stringify(spanmetricsBody(a, 1, [good, bad])));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partialSuccess: { rejectedDataPoints: "1", errorMessage: expect.stringContaining("dataPoints[1]: count is not the sum of bucketCounts") } });
    const noUnit = await post(json(auth), JSON.stringify(spanmetricsBody(a, 1, [good], "1")));
    expect(await noUnit.json()).toEqual({ partialSuccess: { rejectedDataPoints: "1", errorMessage: expect.stringContaining("unit") } });
    expect([await intake("invalid_buckets"), await intake("unknown_unit")]).toEqual([badBuckets + 1, badUnit + 1]);
    // The same in protobuf: the response is an ExportMetricsServiceResponse with partial_success.
    const protobuf = await post({ authorization: auth, "content-type": "application/x-protobuf" }, Buffer.from(encodeSpanmetrics(a)));
    expect(protobuf.status).toBe(200);
    const answer = Buffer.from(await protobuf.arrayBuffer());
    expect(answer[0]).toBe(0x0a); // field 1 (partial_success), length-delimited
    expect(answer.subarray(2, 4)).toEqual(Buffer.from([0x08, 0x01])); // rejected_data_points = 1
  });

  it("answers 401, 403, 415, 400 and 413 for the matching bad requests, in protobuf for protobuf requests, and counts them", async () => {
    const { a, auth } = await estate();
    const before = { auth: await intake("request:unauthenticated"), malformed: await intake("request:malformed"), large: await intake("request:too_large") };
    const body = JSON.stringify(spanmetricsBody(a, 1, []));
    expect((await post({ "content-type": "application/json" }, body)).status).toBe(401);
    expect((await post(json("Bearer nonsense"), body)).status).toBe(401);
    expect((await post(json(`Bearer ${await token(["catalog:read"])}`), body)).status).toBe(403);
    expect((await post({ ...json(auth), "content-type": "text/plain" }, body)).status).toBe(415);
    expect((await post({ ...json(auth), "content-encoding": "br" }, body)).status).toBe(415);
    expect((await post(json(auth), "{not json")).status).toBe(400);
    expect((await post(json(auth), JSON.stringify({ resourceMetrics: 5 }))).status).toBe(400);
    expect((await post(json(auth), JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 5 }] }] }] }))).status).toBe(400);
    const garbled = await post({ authorization: auth, "content-type": "application/x-protobuf" }, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]));
    expect(garbled.status).toBe(400);
    expect(garbled.headers.get("content-type")).toBe("application/x-protobuf");
    const status = Buffer.from(await garbled.arrayBuffer());
    expect(status.subarray(0, 2)).toEqual(Buffer.from([0x08, 0x03])); // google.rpc.Status code INVALID_ARGUMENT
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect((await post({ ...json(auth), "content-encoding": "gzip" }, bomb)).status).toBe(413);
    await flushRejectedRequests();
    expect(await intake("request:unauthenticated")).toBe(before.auth + 2);
    expect(await intake("request:malformed")).toBe(before.malformed + 4);
    expect(await intake("request:too_large")).toBe(before.large + 1);
  });

  it("answers 429 with Retry-After past the in-flight limit and past a token's rate", async () => {
    const { a, auth } = await estate();
    const body = JSON.stringify(spanmetricsBody(a, 1, []));
    const limited = otlpRoute("metrics", { gate: new ConcurrencyGate(10), buckets: new TokenBuckets(0.01, 2) });
    expect((await post(json(auth), body, limited)).status).toBe(200);
    expect((await post(json(auth), body + " ", limited)).status).toBe(200);
    const third = await post(json(auth), body, limited);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another token has its own bucket.
    expect((await post(json(`Bearer ${await token(["telemetry:write"])}`), body, limited)).status).toBe(200);

    const gated = otlpRoute("metrics", { gate: new ConcurrencyGate(1), buckets: new TokenBuckets(1000, 1000) });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slowBody = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 10)));
        await held;
        controller.enqueue(new TextEncoder().encode(body.slice(10)));
        controller.close();
      },
    });
    const first = gated(new NextRequest("http://localhost/v1/metrics", { method: "POST", headers: json(auth), body: slowBody, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]));
    await new Promise((r) => setTimeout(r, 200)); // the first request is now reading its body
    const busy = await post(json(auth), body, gated);
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("1");
    release();
    expect((await first).status).toBe(200);
    expect((await post(json(auth), body, gated)).status).toBe(200);
  });
});

/** A protobuf ExportMetricsServiceRequest with one delta histogram point whose count disagrees with its buckets. */
function encodeSpanmetrics(service: string): Uint8Array {
  const varint = (n: number) => {
    const out: number[] = [];
    for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
    out.push(n);
    return out;
  };
  const ld = (field: number, bytes: number[]) => [(field << 3) | 2, ...varint(bytes.length), ...bytes];
  const text = (s: string) => [...Buffer.from(s, "utf8")];
  const fixed64 = (field: number, v: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(v);
    return [(field << 3) | 1, ...b];
  };
  const kv = (k: string, v: string) => [...ld(1, text(k)), ...ld(2, ld(1, text(v)))];
  const point = [...ld(9, kv("span.kind", "SPAN_KIND_CLIENT")), ...fixed64(2, T0), ...fixed64(3, T0 + 1n), ...fixed64(4, 3n), ...ld(6, [...fixed64(0, 1n).slice(1), ...fixed64(0, 1n).slice(1)]), ...ld(7, [...Buffer.from(new Float64Array([10]).buffer)])];
  const histogram = [...ld(1, point), 0x10, 1];
  const metric = [...ld(1, text("traces.span.metrics.duration")), ...ld(3, text("ms")), ...ld(9, histogram)];
  const resource = ld(1, ld(1, kv("service.name", service)));
  return Uint8Array.from(ld(1, [...resource, ...ld(2, ld(2, metric))]));
}
