// /api/v1/write through its real route handler and a real PostgreSQL: Tempo-shaped span-metric
// histograms scraped three times (first scrape, growth, a target restart), a retried body, bad bodies,
// auth, and the intake counts Settings → Telemetry shows.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { latencyQuerySchema, latencySeries } from "@/lib/telemetry/latency";
import { ingestionStatus } from "@/lib/telemetry/status";
import { IGNORED_SERIES } from "@/lib/telemetry/remote-write-points";
import { actorFor, makeService, makeTeam, makeUser } from "@/scripts/test/factories";
import { classicHistogram, encodeWriteRequest } from "@/scripts/test/remote-write-body";
import { TEMPO_BUCKETS_S } from "@/scripts/test/spanmetrics-target";
import { remoteWriteEstate, remoteWriteToken } from "@/scripts/test/remote-write-estate";
import { POST } from "./route";

// An hour-aligned time an hour ago: recent enough that minute buckets are what the API reads.
const T0_MS = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;

const token = remoteWriteToken;
const estate = remoteWriteEstate;

const REMOTE_WRITE = { "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" };
const post = (headers: Record<string, string>, body: Uint8Array) => POST(new NextRequest("http://localhost/api/v1/write", { method: "POST", headers, body: new Uint8Array(body) }));

/** One scrape of the target: its span histogram (status `code`) with these observations, plus Prometheus' `up`. */
function scrape(e: { a: string; b: string }, observationsS: number[], atMs: number, code = "STATUS_CODE_UNSET") {
  const labels = { job: "tempo", instance: "127.0.0.1:9", service: e.a, span_name: "call", span_kind: "SPAN_KIND_CLIENT", status_code: code, peer_service: e.b };
  return [...classicHistogram("traces_spanmetrics_latency", labels, TEMPO_BUCKETS_S, observationsS, atMs), { labels: { __name__: "up", job: "tempo", instance: "127.0.0.1:9" }, samples: [{ value: 1, timestampMs: atMs }] }];
}

async function intake(outcome: string) {
  const rows = await db().ingestCount.findMany({ where: { signal: "metrics", outcome } });
  return rows.reduce((n, r) => n + Number(r.count), 0);
}

describe("POST /api/v1/write", () => {
  it("folds cumulative scrapes into calls and percentiles, counts a restart whole, and a retried body once", async () => {
    const e = await estate();
    const h = { ...REMOTE_WRITE, authorization: e.auth };
    const before = { ignored: await intake(IGNORED_SERIES), duplicate: await intake("duplicate") };
    // Scrape 1 sets each series' state (remote write has no start time); scrapes 2 and 3 add.
    const grown = [0.01, 0.01, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.3, 0.3];
    const bodies = [
      encodeWriteRequest(scrape(e, [0.01], T0_MS + 10_000)),
      encodeWriteRequest([...scrape(e, [0.01, ...grown.slice(1)], T0_MS + 70_000), ...scrape(e, [0.9, 0.9], T0_MS + 70_000, "STATUS_CODE_ERROR").filter((s) => s.labels.__name__ !== "up")]),
      // The target restarted: fresh counts, lower than before.
      encodeWriteRequest(scrape(e, [0.003, 0.003, 0.003], T0_MS + 130_000)),
    ];
    for (const body of bodies) expect((await post(h, body)).status).toBe(204);
    const retry = await post(h, bodies[2]!);
    expect(retry.status).toBe(204);

    const read = await latencySeries(e.member, e.key, latencyQuerySchema.parse({ from: new Date(T0_MS).toISOString(), to: new Date(T0_MS + 3 * 60_000).toISOString(), step: "1m" }));
    const [m0, m1, m2] = read.series;
    // Minute 1: 9 new ok calls (10 − the 1 scrape 1 saw) and the error series' first point only set its state.
    expect(m0!.count).toBe(0);
    expect(m1).toMatchObject({ count: 9, errors: 0 });
    expect(m2).toMatchObject({ count: 3, errors: 0 });
    // Within the widths of the buckets the observations fell in: 6 of 9 in (32, 64] ms, the top 2 in (256, 512] ms.
    expect(m1!.p50).toBeGreaterThan(32);
    expect(m1!.p50).toBeLessThanOrEqual(64);
    expect(m1!.p99).toBeGreaterThan(256);
    expect(m1!.p99).toBeLessThanOrEqual(512);
    expect(m2!.p99).toBeGreaterThan(2);
    expect(m2!.p99).toBeLessThanOrEqual(4);
    // `up` was accepted and ignored in each body; the retry counted as duplicates only.
    expect((await intake(IGNORED_SERIES)) - before.ignored).toBe(3);
    expect((await intake("duplicate")) - before.duplicate).toBe(1);
  });

  it("refuses alone a histogram whose service label passes 255 characters or whose samples are dated 2500, and folds the rest", async () => {
    const e = await estate();
    const h = { ...REMOTE_WRITE, authorization: e.auth };
    const rejections = async () => {
      const status = await ingestionStatus(systemActor("test"));
      const of = (reason: string) => status.rejections.find((r) => r.signal === "metrics" && r.reason === reason)?.count ?? 0;
      return { long: of("name_too_long"), future: of("time_in_future") };
    };
    const before = await rejections();
    const year2500 = Date.UTC(2500, 0, 1);
    const hostile = (observationsS: number[], atMs: number) => [
      ...scrape(e, observationsS, atMs),
      ...scrape({ a: `svc-${"x".repeat(3_000)}`, b: e.b }, observationsS, atMs).filter((s) => s.labels.__name__ !== "up"),
      ...scrape(e, observationsS, year2500, "STATUS_CODE_ERROR").filter((s) => s.labels.__name__ !== "up"),
    ];
    expect((await post(h, encodeWriteRequest(hostile([0.01], T0_MS + 10_000)))).status).toBe(204);
    expect((await post(h, encodeWriteRequest(hostile([0.01, 0.05, 0.05, 0.05], T0_MS + 70_000)))).status).toBe(204);

    const read = await latencySeries(e.member, e.key, latencyQuerySchema.parse({ from: new Date(T0_MS).toISOString(), to: new Date(T0_MS + 2 * 60_000).toISOString(), step: "1m" }));
    expect(read.series.map((m) => [m.count, m.errors])).toEqual([[0, 0], [3, 0]]);
    const after = await rejections();
    expect([after.long - before.long, after.future - before.future]).toEqual([2, 2]);
    const keys = await db().latencyBucket.findMany({ where: { seriesKey: { contains: "x".repeat(300) } }, select: { seriesKey: true } });
    expect(keys).toEqual([]);
  });

  it("folds float native histograms like OTLP exponential ones: the second scrape's growth, percentiles in its buckets", async () => {
    const e = await estate();
    const labels = { __name__: "traces_spanmetrics_latency", job: "tempo", service: e.a, span_name: "call", span_kind: "SPAN_KIND_CLIENT", status_code: "STATUS_CODE_UNSET", peer_service: e.b };
    // Schema 0 in seconds: index −4 holds (1/32, 1/16] s, index −1 holds (1/4, 1/2] s.
    const native = (positiveCounts: number[], atMs: number) =>
      encodeWriteRequest([{ labels, samples: [], floatHistograms: [{ count: positiveCounts.reduce((a, b) => a + b, 0), sum: 1, schema: 0, zeroCount: 0, positive: [{ offset: -4, length: 4 }], positiveCounts, timestampMs: atMs }] }]);
    const h = { ...REMOTE_WRITE, authorization: e.auth };
    expect((await post(h, native([1, 0, 0, 0], T0_MS + 10_000))).status).toBe(204);
    expect((await post(h, native([7, 0, 0, 3], T0_MS + 70_000))).status).toBe(204);
    const read = await latencySeries(e.member, e.key, latencyQuerySchema.parse({ from: new Date(T0_MS).toISOString(), to: new Date(T0_MS + 2 * 60_000).toISOString(), step: "1m" }));
    const [m0, m1] = read.series;
    expect(m0!.count).toBe(0); // the first scrape only set the state
    expect(m1!.count).toBe(9); // 6 more in (31.25, 62.5] ms, 3 in (250, 500] ms
    expect(m1!.p50).toBeGreaterThan(31.25);
    expect(m1!.p50).toBeLessThanOrEqual(62.5);
    expect(m1!.p99).toBeGreaterThan(250);
    expect(m1!.p99).toBeLessThanOrEqual(500);
  });

  it("answers 400 for a body that is not a snappy WriteRequest and writes nothing", async () => {
    const e = await estate();
    const res = await post({ ...REMOTE_WRITE, authorization: e.auth }, new TextEncoder().encode("not snappy at all"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });

  it("answers 415 without snappy protobuf, 401 without a token, 403 for a token without telemetry:write", async () => {
    const e = await estate();
    const body = encodeWriteRequest(scrape(e, [0.01], T0_MS));
    expect((await post({ ...REMOTE_WRITE, "content-encoding": "gzip", authorization: e.auth }, body)).status).toBe(415);
    expect((await post({ ...REMOTE_WRITE, "content-type": "application/json", authorization: e.auth }, body)).status).toBe(415);
    // Remote write 2.0 (Alloy's experimental protobuf_message): refused, not read as an empty 1.0 request.
    expect((await post({ ...REMOTE_WRITE, "content-type": "application/x-protobuf;proto=io.prometheus.write.v2.Request", authorization: e.auth }, body)).status).toBe(415);
    expect((await post({ ...REMOTE_WRITE, "content-type": "application/x-protobuf;proto=prometheus.WriteRequest", authorization: e.auth }, body)).status).toBe(204);
    expect((await post(REMOTE_WRITE, body)).status).toBe(401);
    expect((await post({ ...REMOTE_WRITE, authorization: `Bearer ${await token(["catalog:read"])}` }, body)).status).toBe(403);
  });
});
