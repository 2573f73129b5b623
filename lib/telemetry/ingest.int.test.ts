import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam, unique } from "@/scripts/test/factories";
import { ingest } from "./ingest";
import { jsonCodec } from "./otlp-codec";
import { OtlpDecodeError } from "./otlp-json";
import { latencyQuerySchema, latencySeries } from "./latency";

const MINUTE = 60_000_000_000n;
// An hour-aligned minute an hour ago: recent enough that minute buckets are what the API reads.
const T0 = BigInt(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000) * 1_000_000n;

/** An OTLP/JSON body of client spans from `source` to `target` with the given durations (ms). */
function body(source: string, target: string, durationsMs: number[], options: { minute?: bigint; errorEvery?: number } = {}) {
  const start = T0 + (options.minute ?? 0n) * MINUTE;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: source } }] },
        scopeSpans: [
          {
            spans: durationsMs.map((d, i) => ({
              traceId: unique("t").replace(/\W/g, "").padEnd(32, "a").slice(0, 32).replace(/[^0-9a-f]/g, "a"),
              spanId: i.toString(16).padStart(16, "0"),
              name: "call",
              kind: 3,
              startTimeUnixNano: String(start + BigInt(i)),
              endTimeUnixNano: String(start + BigInt(i) + BigInt(Math.round(d * 1e6))),
              attributes: [{ key: "peer.service", value: { stringValue: target } }],
              status: { code: options.errorEvery && i % options.errorEvery === 0 ? 2 : 0 },
            })),
          },
        ],
      },
    ],
  };
}

async function estate() {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const { view } = await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "call", style: "sync", protocol: "grpc", budget: { p99Ms: 100 } });
  return { a, b, member, key: view.key, id: view.id };
}

const ingestJson = (actor: Parameters<typeof ingest>[1], payload: unknown) => ingest("traces", actor, jsonCodec, Buffer.from(JSON.stringify(payload)));

describe("trace ingestion", () => {
  it("folds spans into the integration's minute histogram with exact counts, and the latency API reads it back", async () => {
    const { a, b, member, key, id } = await estate();
    const durations = Array.from({ length: 1000 }, (_, i) => i + 1); // 1..1000 ms
    const result = await ingestJson(member, body(a.slug, b.slug, durations, { errorEvery: 10 }));
    expect(result).toEqual({ accepted: 1000, rejected: 0, duplicate: false, message: null });
    const rows = await db().latencyBucket.findMany({ where: { seriesKey: id } });
    expect(rows.map((r) => [Number(r.count), Number(r.errors)])).toEqual([[1000, 100]]);

    const from = new Date(Number(T0 / 1_000_000n)).toISOString();
    const to = new Date(Number(T0 / 1_000_000n) + 120_000).toISOString();
    const latency = await latencySeries(member, key, latencyQuerySchema.parse({ from, to, step: "1m" }));
    expect(latency.budget).toEqual({ p50Ms: null, p95Ms: null, p99Ms: 100 });
    expect(latency.series).toHaveLength(2);
    const [first, second] = latency.series;
    expect(first).toMatchObject({ t: from, count: 1000, errors: 100 });
    // Exact nearest-rank values are 500, 950 and 990 ms; the histogram is within 1 %.
    expect(Math.abs(first!.p50! - 500) / 500).toBeLessThanOrEqual(0.01);
    expect(Math.abs(first!.p95! - 950) / 950).toBeLessThanOrEqual(0.01);
    expect(Math.abs(first!.p99! - 990) / 990).toBeLessThanOrEqual(0.01);
    // Each span is a logical call of its own (no parent): 1000 calls of one attempt; nothing throttled.
    expect(first).toMatchObject({ attempts: 1000, logicalCalls: 1000, maxAttempts: 1, throttled: 0 });
    expect(second).toEqual({ t: new Date(Date.parse(from) + 60_000).toISOString(), count: 0, errors: 0, p50: null, p95: null, p99: null, attempts: 0, logicalCalls: 0, maxAttempts: 0, throttled: 0 });
  });

  it("acknowledges a retried body without counting it twice, and merges concurrent writers exactly", async () => {
    const { a, b, member, id } = await estate();
    const payload = body(a.slug, b.slug, [5, 6, 7]);
    // The same body twice at once (a retry racing the original) counts once; and again later, still once.
    const racing = await Promise.all([ingestJson(member, payload), ingestJson(member, payload)]);
    expect(racing.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect(await ingestJson(member, payload)).toMatchObject({ duplicate: true, accepted: 0 });
    // Ten different bodies for the same minute, all at once: every span lands, none twice.
    await Promise.all(Array.from({ length: 10 }, (_, i) => ingestJson(member, body(a.slug, b.slug, Array.from({ length: 50 }, (_, j) => 10 + i + j)))));
    const [row] = await db().latencyBucket.findMany({ where: { seriesKey: id } });
    expect(Number(row!.count)).toBe(3 + 500);
    expect((row!.histogram as { count: number }).count).toBe(503);
  });

  it("keeps undeclared traffic as an observed edge, and refuses tokens without the scope", async () => {
    const { a, member } = await estate();
    const ghost = unique("ghost");
    await ingestJson(member, body(a.slug, ghost, [1, 2]));
    const [observed] = await db().latencyBucket.findMany({ where: { seriesKey: `edge:${a.slug}->${ghost}` } });
    expect(Number(observed!.count)).toBe(2);
    const viewer = await actorFor("viewer");
    await expect(ingestJson(viewer, body(a.slug, ghost, [1]))).rejects.toMatchObject({ code: "forbidden" });
    await expect(ingestJson(member, { resourceSpans: "nope" })).rejects.toBeInstanceOf(OtlpDecodeError);
  });

  it("attributes a batch to an integration declared just after the previous batch was folded", async () => {
    const { a, member } = await estate();
    const c = await makeService(member.teamIds[0]!);
    // Folded while a → c is undeclared: an observed edge (and the declarations are now cached).
    await ingestJson(member, body(a.slug, c.slug, [1, 2]));
    const edge = `edge:${a.slug}->${c.slug}`;
    const { view } = await createIntegration(member, { sourceService: a.slug, targetService: c.slug, operation: "call", style: "sync", protocol: "grpc", budget: { p99Ms: 100 } });
    // The next batch is folded with the cached declarations first; its commit finds them stale,
    // writes nothing, and the batch is folded again with the new declaration.
    expect(await ingestJson(member, body(a.slug, c.slug, [3, 4, 5]))).toMatchObject({ accepted: 3, duplicate: false });
    const count = async (seriesKey: string) => (await db().latencyBucket.findMany({ where: { seriesKey } })).reduce((n, r) => n + Number(r.count), 0);
    expect(await count(view.id)).toBe(3);
    expect(await count(edge)).toBe(2);
  });

  it("rejects bad latency queries with clear messages", () => {
    expect(() => latencyQuerySchema.parse({ step: "30s" })).toThrow(/step is a duration/);
    expect(() => latencyQuerySchema.parse({ from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" })).toThrow(/from must be before to/);
    expect(() => latencyQuerySchema.parse({ from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", step: "1m" })).toThrow(/At most 2000 points/);
  });
});

describe("reconciling with reality", () => {
  it("lists observed edges with their traffic and marks integrations gone silent", async () => {
    const { observedEdges, silentIntegrations } = await import("./observed");
    const { a, b, member, key } = await estate();
    const ghost = unique("ghost");
    await ingestJson(member, body(a.slug, ghost, [10, 20, 30, 40], { errorEvery: 2 }));
    const edge = (await observedEdges(member)).find((e) => e.target === ghost);
    expect(edge).toMatchObject({ source: a.slug, sourceService: a.slug, targetService: null, calls: 4, errors: 2 });
    expect(Math.abs(edge!.p99Ms! - 40) / 40).toBeLessThanOrEqual(0.01);

    // Declared traffic an hour ago (T0): not silent now, silent two days from now (window: 24 h).
    await ingestJson(member, body(a.slug, b.slug, [5]));
    expect((await silentIntegrations(member, new Date())).map((s) => s.key)).not.toContain(key);
    expect((await silentIntegrations(member, new Date(Date.now() + 48 * 3_600_000))).map((s) => s.key)).toContain(key);
  });
});
