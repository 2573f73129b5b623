// Delivery lag end to end: producer and consumer spans in separate requests, either order, at the
// same moment through concurrent transactions — each delivery is one lag observation, read back
// through the latency API of the asynchronous integration.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam } from "@/scripts/test/factories";
import { ingest } from "./ingest";
import { jsonCodec } from "./otlp-codec";

const minuteAgo = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
const ns = (ms: number) => String(BigInt(minuteAgo + ms) * 1_000_000n);
const hex = (bytes: number) => randomBytes(bytes).toString("hex");

interface SpanSpec {
  service: string;
  kind: 4 | 5;
  traceId: string;
  spanId: string;
  startMs: number;
  parent?: string;
  links?: string[];
}

function body(specs: SpanSpec[]) {
  return {
    resourceSpans: specs.map((s) => ({
      resource: { attributes: [{ key: "service.name", value: { stringValue: s.service } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parent ?? "",
              name: s.kind === 4 ? "order-ready publish" : "order-ready process",
              kind: s.kind,
              startTimeUnixNano: ns(s.startMs),
              endTimeUnixNano: ns(s.startMs + 2),
              attributes: s.kind === 4 ? [{ key: "messaging.destination.name", value: { stringValue: "order-ready" } }] : [],
              links: (s.links ?? []).map((l) => ({ traceId: s.traceId, spanId: l })),
            },
          ],
        },
      ],
    })),
  };
}

async function estate() {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const { view } = await createIntegration(member, {
    sourceService: a.slug,
    targetService: b.slug,
    operation: "order-ready",
    style: "async-event",
    protocol: "kafka",
    budget: { p99Ms: 60_000 },
    delivery: { guarantee: "at-least-once", ordering: "none", orderingKey: null, deadLetterQueue: "dlq" },
    idempotency: { strategy: "key", key: "orderId" },
  });
  const send = (specs: SpanSpec[]) => {
    const payload = body(specs);
    return ingest("traces", member, jsonCodec, Buffer.from(JSON.stringify(payload)));
  };
  const observed = async () => {
    const rows = await db().latencyBucket.findMany({ where: { seriesKey: view.id } });
    return { calls: rows.reduce((n, r) => n + Number(r.count), 0), maxMs: Math.max(0, ...rows.map((r) => (r.histogram as { maxMs: number | null }).maxMs ?? 0)) };
  };
  return { producer: a.slug, consumer: b.slug, send, observed };
}

describe("async delivery lag", () => {
  it("pairs a producer and a consumer sent in separate requests, in either order, once", async () => {
    const e = await estate();
    const [t1, t2] = [hex(16), hex(16)];
    const [p1, p2] = [hex(8), hex(8)];
    // Producer first, then the consumer (a child of the producer span).
    await e.send([{ service: e.producer, kind: 4, traceId: t1, spanId: p1, startMs: 0 }]);
    expect(await e.observed()).toEqual({ calls: 0, maxMs: 0 });
    await e.send([{ service: e.consumer, kind: 5, traceId: t1, spanId: hex(8), startMs: 1200, parent: p1 }]);
    // Consumer first (linked, as batch consumers do), then its producer.
    await e.send([{ service: e.consumer, kind: 5, traceId: t2, spanId: hex(8), startMs: 4500, links: [p2] }]);
    await e.send([{ service: e.producer, kind: 4, traceId: t2, spanId: p2, startMs: 500 }]);
    const seen = await e.observed();
    expect(seen.calls).toBe(2);
    expect(Math.abs(seen.maxMs - 4000) / 4000).toBeLessThan(0.01);
    // Nothing of these deliveries is left waiting but the producers (which may still fan out).
    const left = await db().$queryRaw<{ role: string }[]>`SELECT role FROM async_lag_halves WHERE trace_id IN (${t1}, ${t2})`;
    expect(left.map((r) => r.role).sort()).toEqual(["producer", "producer"]);
  });

  it("pairs within one request, and a retried request adds nothing", async () => {
    const e = await estate();
    const [t, p] = [hex(16), hex(8)];
    const specs: SpanSpec[] = [
      { service: e.producer, kind: 4, traceId: t, spanId: p, startMs: 0 },
      { service: e.consumer, kind: 5, traceId: t, spanId: hex(8), startMs: 250, parent: p },
    ];
    await e.send(specs);
    expect((await e.send(specs)).duplicate).toBe(true);
    expect((await e.observed()).calls).toBe(1);
  });

  it("pairs exactly once when both halves arrive at the same moment in concurrent transactions", async () => {
    const e = await estate();
    for (let i = 0; i < 8; i++) {
      const [t, p] = [hex(16), hex(8)];
      await Promise.all([
        e.send([{ service: e.producer, kind: 4, traceId: t, spanId: p, startMs: i }]),
        e.send([{ service: e.consumer, kind: 5, traceId: t, spanId: hex(8), startMs: 100 + i, parent: p }]),
      ]);
    }
    expect((await e.observed()).calls).toBe(8);
  });

  it("keeps no halves for services no asynchronous integration names", async () => {
    const [t, p] = [hex(16), hex(8)];
    const e = await estate();
    await e.send([{ service: `nobody-${hex(3)}`, kind: 4, traceId: t, spanId: p, startMs: 0 }]);
    const left = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM async_lag_halves WHERE trace_id = ${t}`;
    expect(Number(left[0]!.n)).toBe(0);
  });
});
