// GET /api/integrations/{key}/heatmap through its real route handler, on spans ingested into minute
// histograms: the bands span the data, every call is counted once, and a bimodal load shows as two ridges.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createToken } from "@/lib/auth/api-tokens";
import { systemActor } from "@/lib/auth/actor";
import { createIntegration } from "@/lib/catalog/integrations";
import { ingest } from "@/lib/telemetry/ingest";
import { jsonCodec } from "@/lib/telemetry/otlp-codec";
import { actorFor, makeService, makeTeam, makeUser } from "@/scripts/test/factories";
import * as heatmap from "./route";

interface Heatmap {
  resolution: string;
  stepMs: number;
  bandsMs: number[];
  columns: { t: string; count: number; counts: number[] }[];
  maxCount: number;
}

const get = (key: string, query: string, token: string) =>
  heatmap.GET(new NextRequest(`http://localhost/api/integrations/${encodeURIComponent(key)}/heatmap?${query}`, { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({ key }),
  });

describe("/api/integrations/{key}/heatmap", () => {
  it("bands each step's calls by latency, conserving counts exactly", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const { view } = await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "bimodal", style: "sync", protocol: "grpc", budget: { p99Ms: 300 } });
    const viewer = await makeUser("viewer");
    const { token } = await createToken(systemActor("test"), { name: "t", scopes: ["catalog:read"], userEmail: viewer.email });

    // Two 5-minute steps an hour ago: the first 60 fast (10 ms) and 30 slow (400 ms) calls; the second 25 at 50 ms.
    const stepMs = 300_000;
    const t0 = Math.floor((Date.now() - 3_600_000) / stepMs) * stepMs;
    const durations = [
      ...Array.from({ length: 60 }, () => ({ at: t0 + 10_000, ms: 10 })),
      ...Array.from({ length: 30 }, () => ({ at: t0 + 70_000, ms: 400 })),
      ...Array.from({ length: 25 }, () => ({ at: t0 + stepMs + 5_000, ms: 50 })),
    ];
    const spans = durations.map((d, i) => ({
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: (i + 1).toString(16).padStart(16, "0"),
      name: "bimodal",
      kind: 3,
      startTimeUnixNano: String(BigInt(d.at + i) * 1_000_000n),
      endTimeUnixNano: String(BigInt(d.at + i) * 1_000_000n + BigInt(d.ms * 1_000_000)),
      attributes: [{ key: "peer.service", value: { stringValue: b.slug } }],
    }));
    const payload = { resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: a.slug } }] }, scopeSpans: [{ spans }] }] };
    await ingest("traces", member, jsonCodec, Buffer.from(JSON.stringify(payload)));

    const from = new Date(t0 - stepMs).toISOString();
    const to = new Date(t0 + 2 * stepMs).toISOString();
    const res = await get(view.key, `from=${from}&to=${to}&step=5m`, token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Heatmap;
    expect(body).toMatchObject({ resolution: "minute", stepMs, approximate: false });
    expect(body.bandsMs).toHaveLength(25);
    expect(body.bandsMs[0]).toBeCloseTo(10, 3);
    expect(body.bandsMs[24]).toBeCloseTo(400, 3);
    expect(body.columns.map((c) => [c.t, c.count])).toEqual([
      [from, 0],
      [new Date(t0).toISOString(), 90],
      [new Date(t0 + stepMs).toISOString(), 25],
    ]);
    const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
    for (const c of body.columns) expect(sum(c.counts)).toBe(c.count);
    // The bimodal step: all fast calls in the lowest band, all slow ones in the highest, nothing between.
    const [, bimodal, steady] = body.columns;
    expect(bimodal!.counts[0]).toBe(60);
    expect(bimodal!.counts[23]).toBe(30);
    expect(sum(bimodal!.counts.slice(1, 23))).toBe(0);
    // 50 ms sits at log(50/10)/log(400/10) ≈ 0.436 of the range: band 10 of 24.
    expect(steady!.counts[10]).toBe(25);
    expect(body.maxCount).toBe(60);
  });

  it("refuses a bad query with 422 and an unknown integration with 404", async () => {
    const viewer = await makeUser("viewer");
    const { token } = await createToken(systemActor("test"), { name: "t", scopes: ["catalog:read"], userEmail: viewer.email });
    const bad = await get("nope->nope:x", "step=10s", token);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: "validation_failed" } });
    const tooMany = await get("nope->nope:x", "from=2026-01-01T00:00:00Z&to=2026-01-10T00:00:00Z&step=1m", token);
    expect(tooMany.status).toBe(422);
    expect(JSON.stringify(await tooMany.json())).toContain("At most 500 points");
    const missing = await get("nope->nope:x", "step=5m", token);
    expect(missing.status).toBe(404);
  });
});
