// GET /api/drift through its real route handler (wrapper, auth, query validation), with bearer tokens.
// (Requests with no credentials at all need a Next request scope for the session cookie; e2e/drift.spec.ts covers them.)
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createToken } from "@/lib/auth/api-tokens";
import { systemActor } from "@/lib/auth/actor";
import type { Scope } from "@/lib/auth/permissions";
import { createIntegration } from "@/lib/catalog/integrations";
import { makeService, makeTeam, makeUser, syncDeclaration } from "@/scripts/test/factories";
import { GET } from "./route";

async function tokenFor(scopes: Scope[]) {
  const user = await makeUser("viewer");
  return (await createToken(systemActor("test"), { name: "t", scopes, userEmail: user.email })).token;
}
const get = (query: string, token: string) => GET(new NextRequest(`http://localhost/api/drift${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });

describe("GET /api/drift", () => {
  it("answers 401 for a bad token and 403 without catalog:read", async () => {
    expect((await get("", "ew_not-a-token")).status).toBe(401);
    const res = await get("", await tokenFor(["telemetry:write"]));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("rejects a bad query with field details", async () => {
    const token = await tokenFor(["catalog:read"]);
    for (const [query, path] of [["?sort=slowest", "sort"], ["?limit=0", "limit"], ["?limit=ten", "limit"], ["?team=Not%20A%20Slug", "team"]] as const) {
      const res = await get(query, token);
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body).toMatchObject({ error: { code: "validation_failed" } });
      expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it("lists a team's integration points with their drift figures and daily series", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const { view } = await createIntegration(systemActor("test"), syncDeclaration(a.slug, b.slug, { operation: "quote" }));
    const res = await get(`?team=${team.slug}&sort=breach&limit=5`, await tokenFor(["catalog:read"]));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Date.parse(body.generatedAt)).not.toBeNaN();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      key: view.key,
      sourceService: a.slug,
      targetService: b.slug,
      team: team.slug,
      budgetP99Ms: 100,
      baselineP99Ms: null,
      recent24hP99Ms: null,
      recent7dP99Ms: null,
      changeMs: null,
      changePercent: null,
      slopePercentPerDay: null,
      driftingSince: null,
      projectedBreachAt: null,
    });
    expect(body.items[0].daily).toHaveLength(35);
    expect(body.items[0].daily[34]).toEqual({ day: body.generatedAt.slice(0, 10), p99Ms: null, count: 0 });
  });
});
