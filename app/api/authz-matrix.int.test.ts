// The authorization matrix, token half: every covered route in lib/http/api-operations.ts (and the
// reads in MATRIX_READS) × role ×
// (own team / other team) × (token with the needed scope / token without it / a bogus token), through
// the real route handlers and the real database. Expected statuses come from the hand-written table in
// scripts/test/authz-matrix.ts; the session half (real cookies over HTTP) is e2e/authz-matrix.spec.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import type { Scope } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { operations, type Operation } from "@/lib/http/api-operations";
import { callRoute } from "@/scripts/test/in-process-api";
import { authzMatrix, expectedFor, inMatrix, matches, MATRIX_ROLES, missingEntryMessage, ownershipMatters, type Api, type MatrixRole, type MatrixScope } from "@/scripts/test/authz-matrix";
import { makeTeam, makeUser } from "@/scripts/test/factories";

/** An Api that calls the route handlers in process with a bearer token. */
function api(token: string): Api {
  return async (method, concrete, body, headers = {}) => {
    const { status, body: answer } = await callRoute(token, method, concrete, body, headers);
    return { status, body: answer };
  };
}

/** A scope that does not allow the needed one (admin covers all; catalog:write covers catalog:read). */
const otherScope = (needed: MatrixScope): Scope => (needed === "telemetry:write" ? "catalog:read" : "telemetry:write");

const key = (o: Operation) => `${o.method} ${o.path}`;
const covered = operations.filter((o) => inMatrix(key(o)));

let ownTeam: { id: string; slug: string };
let otherTeam: { id: string; slug: string };
let admin: Api;
const callers = new Map<MatrixRole, { email: string; tokens: Map<string, Api>; self: Api | null }>();
let counter = 0;
let requests = 0;

async function tokenApi(role: MatrixRole, scopes: Scope[]): Promise<Api> {
  const caller = callers.get(role)!;
  const cacheKey = scopes.join(",");
  if (!caller.tokens.has(cacheKey)) {
    const { token } = await createToken(systemActor("matrix"), { name: `matrix ${role} ${cacheKey}`, scopes, userEmail: caller.email });
    caller.tokens.set(cacheKey, api(token));
  }
  return caller.tokens.get(cacheKey)!;
}

beforeAll(async () => {
  [ownTeam, otherTeam] = [await makeTeam(), await makeTeam()];
  const adminUser = await makeUser("admin");
  admin = api((await createToken(systemActor("matrix"), { name: "matrix admin", scopes: ["admin"], userEmail: adminUser.email })).token);
  for (const role of MATRIX_ROLES) {
    const user = await makeUser(role, [ownTeam.id]);
    callers.set(role, { email: user.email, tokens: new Map(), self: null });
    if (role !== "viewer") callers.get(role)!.self = await tokenApi(role, ["decisions:write", "catalog:write"]);
  }
});

const auditCount = () => db().auditEvent.count();

describe("authorization matrix (bearer tokens, route handlers in process)", () => {
  it("has an entry for every covered route, each naming the scope api-operations documents", () => {
    const missing = covered.filter((o) => !authzMatrix[key(o)]).map((o) => missingEntryMessage(key(o)));
    expect(missing, missing.join("\n")).toEqual([]);
    const stale = Object.keys(authzMatrix).filter((k) => !covered.some((o) => key(o) === k));
    expect(stale, "entries in scripts/test/authz-matrix.ts for routes that no longer exist").toEqual([]);
    for (const o of covered) expect(authzMatrix[key(o)]?.scope, `${key(o)}: scope in the matrix vs api-operations`).toBe(o.scope);
  });

  for (const op of covered) {
    const entry = authzMatrix[key(op)];
    if (!entry) continue; // reported by the test above
    it(`${key(op)}`, async () => {
      const failures: string[] = [];
      const sides = ownershipMatters(entry) ? (["own", "other"] as const) : (["own"] as const);
      for (const role of MATRIX_ROLES) {
        for (const ownership of sides) {
          const cells: [string, Scope[], ReturnType<typeof expectedFor>][] = [
            ["token with scope", [entry.scope], expectedFor(entry, role, ownership)],
            [`token with ${otherScope(entry.scope)} only`, [otherScope(entry.scope)], 403],
          ];
          for (const [label, scopes, want] of cells) {
            const call = await tokenApi(role, scopes);
            const target = await entry.prepare({ admin, self: callers.get(role)!.self, team: (ownership === "own" ? ownTeam : otherTeam).slug, ownership, id: `${Date.now().toString(36)}${++counter}` });
            const before = await auditCount();
            const res = await call(op.method, target.path, target.body, target.headers);
            requests++;
            const where = `${role} · ${ownership} team · ${label}: expected ${want}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
            if (!matches(want, res.status)) failures.push(where);
            // A refusal changes nothing, not even the audit log.
            if (want !== "2xx" && (await auditCount()) !== before) failures.push(`${where} — but the audit log grew`);
          }
        }
      }
      const target = await entry.prepare({ admin, self: null, team: ownTeam.slug, ownership: "other", id: `${Date.now().toString(36)}${++counter}` });
      const bogus = await api(`ew_${"x".repeat(43)}`)(op.method, target.path, target.body, target.headers);
      requests++;
      if (bogus.status !== 401) failures.push(`unknown token: expected 401, got ${bogus.status}`);
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }

  it("prints what it covered", () => {
    console.log(`authz matrix (tokens): ${covered.length} covered routes × ${MATRIX_ROLES.length} roles, ${requests} requests checked`);
    expect(requests).toBeGreaterThan(covered.length * MATRIX_ROLES.length);
  });
});
