// The integrations API through its real route handlers (wrapper, auth, headers), with bearer tokens.
// (Requests without a token need a Next request scope for the session cookie; e2e/api.spec.ts covers 401 over real HTTP.)
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createToken } from "@/lib/auth/api-tokens";
import { systemActor } from "@/lib/auth/actor";
import type { Scope } from "@/lib/auth/permissions";
import { makeService, makeTeam, makeUser, syncDeclaration } from "@/scripts/test/factories";
import * as item from "./[key]/route";
import * as history from "./[key]/history/route";
import * as collection from "./route";

async function tokenFor(role: "viewer" | "member" | "architect", teamIds: string[], scopes: Scope[]) {
  const user = await makeUser(role, teamIds);
  return (await createToken(systemActor("test"), { name: "t", scopes, userEmail: user.email })).token;
}

function request(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  return new NextRequest(`http://localhost${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const params = (key: string) => ({ params: Promise.resolve({ key }) });
const none = { params: Promise.resolve({}) };

describe("/api/integrations", () => {
  it("creates with 201, ETag and Location; reads with the ETag; 409 on a stale If-Match; history shows the change", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const token = await tokenFor("member", [team.id], ["catalog:write"]);

    const created = await collection.POST(request("POST", "/api/integrations", token, syncDeclaration(a.slug, b.slug, { operation: "authorize" })), none);
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    const key = `${a.slug}->${b.slug}:authorize`;
    expect(created.headers.get("location")).toBe(`/api/integrations/${encodeURIComponent(key)}`);

    const read = await item.GET(request("GET", `/api/integrations/${encodeURIComponent(key)}`, token), params(key));
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"1"');
    expect(await read.json()).toMatchObject({ key, status: "no-data", budget: { p99Ms: 100 } });

    const ok = await item.PATCH(request("PATCH", "/api/integrations/x", token, { budget: { p99Ms: 120 } }, { "if-match": '"1"' }), params(key));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"2"');

    const stale = await item.PATCH(request("PATCH", "/api/integrations/x", token, { budget: { p99Ms: 999 } }, { "if-match": '"1"' }), params(key));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "conflict", details: { currentVersion: 2 } } });

    const events = await (await history.GET(request("GET", "/x", token), params(key))).json();
    expect(events.items[0]).toMatchObject({ action: "update", changes: [{ path: "budget.p99Ms", before: 100, after: 120 }] });
  });

  it("answers 422 with field details, 403 for a read-only token and for another team", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const writer = await tokenFor("member", [team.id], ["catalog:write"]);

    const invalid = await collection.POST(request("POST", "/api/integrations", writer, { ...syncDeclaration(a.slug, b.slug), budget: { p50Ms: 300, p99Ms: 100 } }), none);
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.details).toContainEqual({ path: "budget.p99Ms", message: "The p99 budget must be at least the p50 budget" });

    const reader = await tokenFor("architect", [], ["catalog:read"]);
    expect((await collection.POST(request("POST", "/api/integrations", reader, syncDeclaration(a.slug, b.slug)), none)).status).toBe(403);
    const outsider = await tokenFor("member", [(await makeTeam()).id], ["catalog:write"]);
    expect((await collection.POST(request("POST", "/api/integrations", outsider, syncDeclaration(a.slug, b.slug)), none)).status).toBe(403);
    const listed = await collection.GET(request("GET", `/api/integrations?source=${a.slug}`, reader), none);
    expect(await listed.json()).toEqual({ items: [], nextCursor: null, total: 0 });
    expect((await collection.GET(request("GET", "/api/integrations?sort=bogus", reader), none)).status).toBe(422);
  });
});
