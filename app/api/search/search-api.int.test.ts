// GET /api/search through its real route handler on the embedded PostgreSQL: ranking (exact, prefix,
// substring, case-insensitive), grouping, limits, what the catalog hides, authentication and validation.
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "@/lib/auth/api-tokens";
import { systemActor } from "@/lib/auth/actor";
import type { Scope } from "@/lib/auth/permissions";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { createDecision } from "@/lib/decisions/records";
import { createJourney } from "@/lib/governance/journeys";
import type { SearchResult } from "@/lib/search/search";
import { makeTeam, makeUser, syncDeclaration } from "@/scripts/test/factories";
import { GET } from "./route";

async function tokenFor(scopes: Scope[], role: "viewer" | "admin" = "viewer") {
  const user = await makeUser(role);
  return (await createToken(systemActor("test"), { name: "t", scopes, userEmail: user.email })).token;
}
const call = async (query: string, token: string) => {
  const res = await GET(new NextRequest(`http://localhost/api/search?${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
};
const system = systemActor("search-test");

// A word nothing else in the database contains: every hit below is this test's own data.
const w = `zq${randomBytes(4).toString("hex")}`;
let token: string;
let decisionNumber: number;
const keys = { toApi: "", toWorker: "", fromWorker: "", retired: "" };

beforeAll(async () => {
  token = await tokenFor(["catalog:read"]);
  const team = await db().team.create({ data: { slug: `${w}-team`, name: `Ledger ${w}` } });
  const other = await makeTeam();
  const service = (slug: string, name: string, teamId = team.id) => db().service.create({ data: { slug, name, teamId, telemetryName: slug } });
  await service(w, "Exact by slug");
  await service(`${w}-api`, "Prefix by slug");
  await service(`billing-${w.slice(2)}`, `${w.toUpperCase()} Billing`, other.id); // prefix by name, upper case
  await service(`x-${w}-worker`, "Substring by slug");
  await service(`unrelated-${w.slice(2)}`, "Nothing to see");
  const declare = async (source: string, target: string, operation: string) => (await createIntegration(system, syncDeclaration(source, target, { operation }))).view.key;
  keys.toApi = await declare(w, `${w}-api`, "call");
  keys.toWorker = await declare(w, `x-${w}-worker`, "call");
  keys.fromWorker = await declare(`x-${w}-worker`, w, "call");
  keys.retired = await declare(`${w}-api`, w, "gone");
  await db().integrationPoint.update({ where: { key: keys.retired }, data: { lifecycle: "retired" } });
  await createJourney(system, { slug: `${w}-checkout`, name: `Checkout ${w}`, team: team.slug, budgetP99Ms: 500, criticality: "high", steps: [keys.toApi] });
  const author = await makeUser("member");
  const record = await createDecision({ userId: author.id, email: author.email, name: author.name, role: "member", teamIds: [], via: "session" }, { title: `Move ${w} ledger to events` });
  decisionNumber = record.number;
});

const group = (body: SearchResult, kind: string) => body.groups.find((g) => g.kind === kind);
const tiers = (body: SearchResult, kind: string) => group(body, kind)?.items.map((i) => `${i.tier} ${i.key}`);

describe("GET /api/search ranking", () => {
  it("ranks an exact slug, then prefixes, then substrings, and leaves retired integration points out", async () => {
    const { status, body } = await call(`q=${w}&limit=10`, token);
    expect(status).toBe(200);
    expect(body.query).toBe(w);
    // Within a tier by slug: billing-… (its name is the prefix) before zq…-api.
    expect(tiers(body, "service")).toEqual([`exact ${w}`, `prefix billing-${w.slice(2)}`, `prefix ${w}-api`, `substring x-${w}-worker`]);
    // Keys start with the source service: w->… are prefixes, alphabetical within the tier ("w->x-…" before
    // "w->zq…-api"), and x-w-worker->… a substring.
    expect(tiers(body, "integration")).toEqual([`prefix ${keys.toWorker}`, `prefix ${keys.toApi}`, `substring ${keys.fromWorker}`]);
    expect(JSON.stringify(body)).not.toContain(keys.retired);
    expect(tiers(body, "team")).toEqual([`prefix ${w}-team`]);
    expect(tiers(body, "journey")).toEqual([`prefix ${w}-checkout`]);
    expect(tiers(body, "decision")).toEqual([`substring ADR-${String(decisionNumber).padStart(4, "0")}`]);
    // The group holding the exact hit comes first; the rest keep the kinds' order.
    expect(body.groups.map((g: { kind: string }) => g.kind)).toEqual(["service", "integration", "team", "journey", "decision"]);
    const svc = group(body, "service")!.items[0]!;
    expect(svc).toEqual({ kind: "service", key: w, label: "Exact by slug", detail: `${w} · Ledger ${w}`, href: `/services/${w}`, tier: "exact" });
    expect(group(body, "integration")!.items[0]!.href).toBe(`/catalog/${encodeURIComponent(group(body, "integration")!.items[0]!.key)}`);
  });

  it("is case-insensitive and matches names as well as slugs", async () => {
    const { body } = await call(`q=${encodeURIComponent(`LEDGER ${w.toUpperCase()}`)}`, token);
    expect(tiers(body, "team")).toEqual([`exact ${w}-team`]);
    expect(body.groups[0].kind).toBe("team");
    const upper = await call(`q=${w.toUpperCase()}&limit=10`, token);
    const lower = await call(`q=${w}&limit=10`, token);
    expect(upper.body.groups).toEqual(lower.body.groups);
  });

  it("finds a decision record by its number and an integration point by its whole key", async () => {
    const label = `ADR-${String(decisionNumber).padStart(4, "0")}`;
    for (const q of [label, label.toLowerCase(), String(decisionNumber)]) {
      const { body } = await call(`q=${encodeURIComponent(q)}&kinds=decision`, token);
      expect(body.groups).toEqual([{ kind: "decision", more: false, items: [{ kind: "decision", key: label, label: `Move ${w} ledger to events`, detail: `${label} · draft`, href: `/decisions/${decisionNumber}`, tier: "exact" }] }]);
    }
    const { body } = await call(`q=${encodeURIComponent(keys.toApi.toUpperCase())}`, token);
    expect(body.groups[0]).toMatchObject({ kind: "integration", items: [{ key: keys.toApi, tier: "exact" }] });
  });

  it("bounds each group by limit and says when there are more", async () => {
    const { body } = await call(`q=${w}&limit=1&kinds=service,integration`, token);
    expect(body.groups.map((g: { kind: string; items: unknown[]; more: boolean }) => [g.kind, g.items.length, g.more])).toEqual([["service", 1, true], ["integration", 1, true]]);
    expect(tiers(body, "service")).toEqual([`exact ${w}`]);
  });

  it("takes LIKE's wildcards literally and needs three characters for a substring", async () => {
    expect((await call(`q=${encodeURIComponent(`%${w.slice(2)}`)}`, token)).body.groups).toEqual([]);
    expect((await call(`q=${encodeURIComponent(`${w.slice(0, 4)}_`)}`, token)).body.groups).toEqual([]);
    // "-w" would be a substring of x-w-worker's slug, but two characters match prefixes only.
    const short = await call(`q=${encodeURIComponent(w.slice(-2))}&kinds=service`, token);
    expect(JSON.stringify(short.body)).not.toContain(`x-${w}-worker`);
  });
});

describe("GET /api/search access and validation", () => {
  it("answers 401 without a valid token and 403 without catalog:read; every role may search", async () => {
    expect((await call(`q=${w}`, "ew_nope")).status).toBe(401);
    const refused = await call(`q=${w}`, await tokenFor(["telemetry:write"], "admin"));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    expect((await call(`q=${w}`, await tokenFor(["catalog:write"]))).status).toBe(200);
  });

  const invalid: [string, string, RegExp][] = [
    ["no q", "", /^q: q is required/],
    ["an empty q", "q=%20%20", /^q: q must not be empty/],
    ["a q over 100 characters", `q=${"a".repeat(101)}`, /^q: q is at most 100 characters/],
    ["a control character", "q=ab%00cd", /^q: q may not contain control characters/],
    ["limit 0", "q=abc&limit=0", /^limit: limit is at least 1/],
    ["limit 21", "q=abc&limit=21", /^limit: limit is at most 20/],
    ["a fractional limit", "q=abc&limit=2.5", /^limit: limit is a whole number/],
    ["a word for limit", "q=abc&limit=many", /^limit: limit is a whole number/],
    ["an unknown kind", "q=abc&kinds=service,widget", /^kinds\.1: kinds are among integration, service, team, journey, decision/],
  ];
  it.each(invalid)("refuses %s with 422 in the error envelope", async (_label, query, message) => {
    const { status, body } = await call(query, token);
    expect(status).toBe(422);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toMatch(message);
    expect(Array.isArray(body.error.details)).toBe(true);
  });
});
