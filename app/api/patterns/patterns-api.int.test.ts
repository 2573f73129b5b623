// GET /api/patterns and /api/patterns/{name} through their real route handlers, with bearer tokens.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createToken } from "@/lib/auth/api-tokens";
import { systemActor } from "@/lib/auth/actor";
import type { Scope } from "@/lib/auth/permissions";
import { parseDeclaration } from "@/lib/catalog/integration-schema";
import { makeUser } from "@/scripts/test/factories";
import { GET as one } from "./[name]/route";
import { GET as list } from "./route";

async function tokenFor(scopes: Scope[]) {
  const user = await makeUser("viewer");
  return (await createToken(systemActor("test"), { name: "t", scopes, userEmail: user.email })).token;
}
const request = (path: string, token: string) => new NextRequest(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });

describe("GET /api/patterns", () => {
  it("answers 401 for a bad token and 403 without catalog:read", async () => {
    expect((await list(request("/api/patterns", "ew_nope"), { params: Promise.resolve({}) })).status).toBe(401);
    const res = await one(request("/api/patterns/saga", await tokenFor(["telemetry:write"])), { params: Promise.resolve({ name: "saga" }) });
    expect(res.status).toBe(403);
  });

  it("lists the blueprints, each with defaults that declare a valid integration", async () => {
    const res = await list(request("/api/patterns", await tokenFor(["catalog:read"])), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.nextCursor).toBeNull();
    expect(body.items.length).toBeGreaterThanOrEqual(8);
    for (const p of body.items) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(["name", "title", "summary", "whenToUse", "avoidWhen", "gains", "costs", "satisfies", "traits", "defaults"]));
      expect(() => parseDeclaration({ sourceService: "a", targetService: "b", operation: "op", ...p.defaults })).not.toThrow();
    }
  });

  it("reads one blueprint by name, and 404s an unknown one naming the known patterns", async () => {
    const token = await tokenFor(["catalog:read"]);
    const res = await one(request("/api/patterns/event-outbox", token), { params: Promise.resolve({ name: "event-outbox" }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ name: "event-outbox", defaults: { style: "async-event", delivery: { guarantee: "at-least-once" } } });
    expect(body.traits).toContainEqual({ field: "delivery.deadLetterQueue", expects: "a dead-letter queue" });
    expect(body.satisfies).toContain("async-dead-letter-queue");

    const missing = await one(request("/api/patterns/two-phase-commit", token), { params: Promise.resolve({ name: "two-phase-commit" }) });
    expect(missing.status).toBe(404);
    const error = (await missing.json()).error;
    expect(error.code).toBe("not_found");
    expect(error.message).toContain("No pattern two-phase-commit");
    expect(error.message).toContain("event-outbox");
    expect(error.message).toContain("keyed-stream");
  });
});
