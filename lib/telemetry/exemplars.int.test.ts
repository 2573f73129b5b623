// Exemplars end to end on the real database: from spans (two requests into one minute, merged by
// edgewise_merge_exemplars) and from the exemplars of spanmetrics histogram points, read back
// through the exemplars query, slowest first.
import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { actorFor, makeService, makeTeam, syncDeclaration } from "@/scripts/test/factories";
import { exemplarQuerySchema, exemplarsOf } from "./exemplar-query";
import { chooseExemplars, type Exemplar } from "./exemplars";
import { ingest } from "./ingest";
import { jsonCodec } from "./otlp-codec";

const MINUTE_MS = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
const str = (key: string, stringValue: string) => ({ key, value: { stringValue } });
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

async function estate() {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug));
  const read = async (more: Record<string, string> = {}, minutes = 1) =>
    exemplarsOf(member, view.key, exemplarQuerySchema.parse({ from: new Date(MINUTE_MS).toISOString(), to: new Date(MINUTE_MS + minutes * 60_000).toISOString(), limit: "100", ...more }));
  return { a: a.slug, b: b.slug, member, read };
}

describe("exemplars", () => {
  it("keep the first errors and the slowest calls of a minute across requests, and read back slowest first", async () => {
    const { a, b, member, read } = await estate();
    const traceBase = Math.floor(Math.random() * 1e9);
    const calls: Exemplar[] = Array.from({ length: 40 }, (_, i) => ({
      traceId: hex(traceBase, 24) + hex(i, 8),
      spanId: hex(i + 1, 16),
      durationMs: 5 + ((i * 37) % 40) * 2.5,
      atMs: MINUTE_MS + i * 1000,
      error: i % 7 === 3,
    }));
    const body = (part: Exemplar[]) => ({
      resourceSpans: [
        {
          resource: { attributes: [str("service.name", a)] },
          scopeSpans: [
            {
              spans: part.map((c) => ({
                traceId: c.traceId,
                spanId: c.spanId,
                name: "call",
                kind: 3,
                startTimeUnixNano: String(BigInt(c.atMs) * 1_000_000n),
                endTimeUnixNano: String(BigInt(c.atMs) * 1_000_000n + BigInt(Math.round(c.durationMs * 1e6))),
                attributes: [str("peer.service", b)],
                status: { code: c.error ? 2 : 0 },
              })),
            },
          ],
        },
      ],
    });
    // Two requests into the same minute (later calls first): the store merges their choices.
    await ingest("traces", member, jsonCodec, Buffer.from(JSON.stringify(body(calls.slice(20)))));
    await ingest("traces", member, jsonCodec, Buffer.from(JSON.stringify(body(calls.slice(0, 20)))));
    const expected = chooseExemplars(calls)
      .sort((x, y) => y.durationMs - x.durationMs || x.atMs - y.atMs)
      .map((e) => ({ traceId: e.traceId, spanId: e.spanId, durationMs: e.durationMs, at: new Date(e.atMs).toISOString(), error: e.error }));
    const { items, traceUrlTemplate } = await read();
    expect(items).toHaveLength(8);
    expect(items).toEqual(expected);
    expect(items.filter((i) => i.error)).toHaveLength(3);
    expect(traceUrlTemplate).toBeNull();

    expect((await read({ limit: "2" })).items).toEqual(expected.slice(0, 2));
  });

  it("spread over slots of the range: a quiet minute after a slow one still has its slowest call", async () => {
    const { a, b, member, read } = await estate();
    const traceBase = Math.floor(Math.random() * 1e9);
    // Minute 0 (the incident): 100–104 ms; minute 1: 10–14 ms.
    const spans = [0, 1].flatMap((minute) =>
      Array.from({ length: 5 }, (_, i) => {
        const atNs = BigInt(MINUTE_MS + minute * 60_000 + i * 1000) * 1_000_000n;
        const ms = (minute === 0 ? 100 : 10) + i;
        return { traceId: hex(traceBase, 24) + hex(minute * 10 + i, 8), spanId: hex(minute * 10 + i + 1, 16), name: "call", kind: 3, startTimeUnixNano: String(atNs), endTimeUnixNano: String(atNs + BigInt(ms) * 1_000_000n), attributes: [str("peer.service", b)] };
      }),
    );
    await ingest("traces", member, jsonCodec, Buffer.from(JSON.stringify({ resourceSpans: [{ resource: { attributes: [str("service.name", a)] }, scopeSpans: [{ spans }] }] })));
    expect((await read({ limit: "2" }, 2)).items.map((i) => i.durationMs)).toEqual([104, 103]);
    expect((await read({ limit: "2", spread: "2" }, 2)).items.map((i) => i.durationMs)).toEqual([104, 14]);
    // Four per minute asked, two minutes: each keeps its four slowest, slowest first.
    expect((await read({ limit: "8", spread: "2" }, 2)).items.map((i) => i.durationMs)).toEqual([104, 103, 102, 101, 14, 13, 12, 11]);
    expect(() => exemplarQuerySchema.parse({ spread: "0" })).toThrow(/spread is at least 1/);
  });

  it("come from the exemplars of spanmetrics histogram points, in milliseconds, with the point's outcome", async () => {
    const { a, b, member, read } = await estate();
    const timeNs = BigInt(MINUTE_MS + 30_000) * 1_000_000n;
    const point = (status: string, exemplars: { traceId: string; spanId: string; asDouble: number }[]) => ({
      attributes: [str("span.name", "call"), str("span.kind", "SPAN_KIND_CLIENT"), str("status.code", status), str("peer.service", b)],
      startTimeUnixNano: String(timeNs - 30_000_000_000n),
      timeUnixNano: String(timeNs),
      count: "2",
      bucketCounts: ["1", "1"],
      explicitBounds: [0.1],
      exemplars: exemplars.map((e) => ({ ...e, timeUnixNano: String(timeNs - 1_000_000_000n) })),
    });
    const traceId = hex(Math.floor(Math.random() * 1e9), 32);
    const body = {
      resourceMetrics: [
        {
          resource: { attributes: [str("service.name", a)] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: "traces.span.metrics.duration",
                  unit: "s",
                  histogram: {
                    aggregationTemporality: 1,
                    dataPoints: [
                      point("STATUS_CODE_UNSET", [{ traceId, spanId: hex(1, 16), asDouble: 0.25 }, { traceId: "not-a-trace", spanId: hex(2, 16), asDouble: 9 }]),
                      point("STATUS_CODE_ERROR", [{ traceId, spanId: hex(3, 16), asDouble: 0.04 }]),
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    expect(await ingest("metrics", member, jsonCodec, Buffer.from(JSON.stringify(body)))).toMatchObject({ accepted: 2, rejected: 0 });
    const at = new Date(MINUTE_MS + 29_000).toISOString();
    expect((await read()).items).toEqual([
      { traceId, spanId: hex(1, 16), durationMs: 250, at, error: false },
      { traceId, spanId: hex(3, 16), durationMs: 40, at, error: true },
    ]);
  });
});
