// POST /api/journeys/{slug}/simulate through its real route handler: a journey whose first step has
// ingested spans (observed) and whose second has none (declared), with bearer tokens.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createToken } from "@/lib/auth/api-tokens";
import { systemActor } from "@/lib/auth/actor";
import type { Scope } from "@/lib/auth/permissions";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { createJourney } from "@/lib/governance/journeys";
import { ingest } from "@/lib/telemetry/ingest";
import { jsonCodec } from "@/lib/telemetry/otlp-codec";
import { makeService, makeTeam, makeUser, unique } from "@/scripts/test/factories";
import { POST } from "./route";

async function tokenFor(scopes: Scope[]) {
  const user = await makeUser("viewer");
  return (await createToken(systemActor("test"), { name: "t", scopes, userEmail: user.email })).token;
}
const post = (slug: string, body: unknown, token: string) =>
  POST(new NextRequest(`http://localhost/api/journeys/${slug}/simulate`, { method: "POST", body: JSON.stringify(body), headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } }), {
    params: Promise.resolve({ slug }),
  });

/** Client spans from source to target an hour ago: 50..150 ms evenly, every tenth an error. */
function spans(source: string, target: string, n: number) {
  const start = BigInt(Date.now() - 3_600_000) * 1_000_000n;
  const trace = unique("t").replace(/[^0-9a-f]/g, "a").padEnd(32, "b").slice(0, 32);
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: source } }] },
        scopeSpans: [
          {
            spans: Array.from({ length: n }, (_, i) => ({
              traceId: trace,
              spanId: (i + 1).toString(16).padStart(16, "0"),
              name: "call",
              kind: 3,
              startTimeUnixNano: String(start + BigInt(i) * 1000n),
              endTimeUnixNano: String(start + BigInt(i) * 1000n + BigInt((50 + (i % 101)) * 1_000_000)),
              attributes: [{ key: "peer.service", value: { stringValue: target } }],
              status: { code: i % 10 === 0 ? 2 : 0 },
            })),
          },
        ],
      },
    ],
  };
}

async function estate() {
  const team = await makeTeam();
  const [a, b, c] = [await makeService(team.id), await makeService(team.id), await makeService(team.id)];
  const actor = systemActor("test");
  const first = await createIntegration(actor, { sourceService: a.slug, targetService: b.slug, operation: "call", style: "sync", protocol: "grpc", budget: { p99Ms: 200 } });
  const second = await createIntegration(actor, {
    sourceService: b.slug,
    targetService: c.slug,
    operation: "lookup",
    style: "sync",
    protocol: "grpc",
    budget: { p50Ms: 10, p99Ms: 100 },
    slo: { successTargetPercent: 99 },
  });
  const payload = spans(a.slug, b.slug, 2020);
  const ingested = await ingest("traces", actor, jsonCodec, Buffer.from(JSON.stringify(payload)));
  expect(ingested.accepted).toBe(2020);
  const slug = unique("checkout");
  await createJourney(actor, { slug, name: "Checkout", team: team.slug, budgetP99Ms: 300, criticality: "high", description: "", steps: [first.view.key, second.view.key] });
  return { slug, first: first.view.key, second: second.view.key };
}

describe("POST /api/journeys/{slug}/simulate", () => {
  it("simulates the observed step from its histogram and the silent one from its declared budget, before and after a change", async () => {
    const { slug, first, second } = await estate();
    const token = await tokenFor(["catalog:read"]);
    const auditBefore = await db().auditEvent.count();
    const res = await post(slug, { requests: 50_000, seed: 4, scenario: { changes: [{ integration: first, timeoutMs: 100 }] } }, token);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.journey).toBe(slug);
    expect(Date.parse(body.telemetryRange.to) - Date.parse(body.telemetryRange.from)).toBe(7 * 86_400_000);
    expect(body.observedCalls).toEqual({ [first]: 2020, [second]: 0 });
    const { baseline, scenario } = body;
    expect(baseline.steps.map((s: { source: string }) => s.source)).toEqual(["observed", "declared"]);
    // The observed step's p99 is its spans' p99 (149 ms), the declared one's its budget's (100 ms), within 1 %.
    expect(Math.abs(baseline.steps[0].p99Ms - 149) / 149).toBeLessThan(0.01);
    expect(Math.abs(baseline.steps[1].p99Ms - 100) / 100).toBeLessThan(0.01);
    // Errors: 10 % observed on the first step, 1 % allowed by the second's 99 % target.
    expect(baseline.errorRatePercent).toBeGreaterThan(10.9 - 0.5);
    expect(baseline.errorRatePercent).toBeLessThan(10.9 + 0.5);
    expect(baseline.timeoutRatePercent).toBe(0);
    // A 100 ms timeout on the first step cuts off the calls slower than 100 ms: 50 of 101.
    expect(Math.abs(scenario.timeoutRatePercent - (100 * 50) / 101)).toBeLessThan(1.5);
    expect(scenario.steps[0].p99Ms).toBeLessThanOrEqual(100);
    expect(scenario.waterfall.steps.map((s: { key: string }) => s.key)).toEqual([first, second]);
    expect(baseline.budgetP99Ms).toBe(300);
    expect(await db().auditEvent.count()).toBe(auditBefore); // read-only
  });

  it("refuses a change to an integration that is not a step, and bad bodies, with the field named", async () => {
    const { slug } = await estate();
    const token = await tokenFor(["catalog:read"]);
    const unknownRes = await post(slug, { scenario: { changes: [{ integration: "nope->nowhere:x", timeoutMs: 10 }] } }, token);
    expect(unknownRes.status).toBe(422);
    const unknownBody = await unknownRes.json();
    expect(unknownBody.error.message).toContain("nope->nowhere:x");
    expect(unknownBody.error.details[0].path).toBe("scenario.changes.0.integration");
    for (const [body, path] of [
      [{ requests: 10 }, "requests"],
      [{ requests: 1e9 }, "requests"],
      [{ scenario: { changes: [{ integration: "a->b:c", latencyScale: -1 }] } }, "scenario.changes.0.latencyScale"],
      [{ scenario: { changes: [{ integration: "a->b:c", style: "carrier-pigeon" }] } }, "scenario.changes.0.style"],
      [{ from: "yesterday" }, "from"],
    ] as const) {
      const res = await post(slug, body, token);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await post("no-such-journey", {}, token)).status).toBe(404);
  });

  it("needs catalog:read", async () => {
    const { slug } = await estate();
    expect((await post(slug, {}, await tokenFor(["telemetry:write"]))).status).toBe(403);
  });
});
