// The caller's own preferences through the real route handlers and database: defaults, a change that
// lasts (one field at a time, the other left alone), validation that changes nothing, and
// authentication/authorization per token.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import type { Scope } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { makeUser } from "@/scripts/test/factories";
import { GET, PATCH } from "./route";

const ctx = { params: Promise.resolve({}) };

async function userWithToken(role: "viewer" | "admin" = "viewer", scopes: Scope[] = ["catalog:read"]) {
  const user = await makeUser(role);
  const { token } = await createToken(systemActor("test"), { name: `prefs ${user.email}`, scopes, userEmail: user.email });
  return { user, token };
}

async function call(method: "GET" | "PATCH", token: string, body?: string, contentType = "application/json") {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = contentType;
  const req = new NextRequest("http://localhost/api/me/preferences", { method, headers, body });
  const res = await (method === "GET" ? GET : PATCH)(req, ctx);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const stored = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id } })).timeZone;
const storedBoth = async (id: string) => db().user.findUniqueOrThrow({ where: { id }, select: { timeZone: true, singleKeyShortcuts: true } });
const DEFAULTS = { timeZone: "browser", singleKeyShortcuts: true };

describe("GET/PATCH /api/me/preferences", () => {
  it("answers the browser's zone by default, keeps a change, and audits it once", async () => {
    const { user, token } = await userWithToken();
    expect(await call("GET", token)).toEqual({ status: 200, body: DEFAULTS });

    expect(await call("PATCH", token, JSON.stringify({ timeZone: "utc" }))).toEqual({ status: 200, body: { ...DEFAULTS, timeZone: "utc" } });
    expect(await stored(user.id)).toBe("utc");
    expect(await call("GET", token)).toEqual({ status: 200, body: { ...DEFAULTS, timeZone: "utc" } });
    // The same value again is no change: no second audit row.
    expect((await call("PATCH", token, JSON.stringify({ timeZone: "utc" }))).status).toBe(200);
    const audit = await db().auditEvent.findMany({ where: { entityType: "user", entityId: user.id, action: "user.preferences" } });
    expect(audit.map((a) => [a.before, a.after])).toEqual([[{ timeZone: "browser" }, { timeZone: "utc" }]]);

    expect(await call("PATCH", token, JSON.stringify({ timeZone: "browser" }))).toEqual({ status: 200, body: DEFAULTS });
    expect(await stored(user.id)).toBe("browser");
  });

  it("changes only the caller's own preference", async () => {
    const a = await userWithToken();
    const b = await userWithToken("admin", ["admin"]);
    await call("PATCH", b.token, JSON.stringify({ timeZone: "utc" }));
    expect(await stored(b.user.id)).toBe("utc");
    expect(await stored(a.user.id)).toBe("browser");
    expect((await call("GET", a.token)).body).toEqual(DEFAULTS);
  });

  it.each([
    ["an unknown zone name", JSON.stringify({ timeZone: "Europe/Paris" }), 422, /timeZone: timeZone must be one of: browser, utc/],
    ["an empty change", JSON.stringify({}), 422, /Send at least one of: timeZone, singleKeyShortcuts/],
    ["an unknown field", JSON.stringify({ timeZone: "utc", theme: "dark" }), 422, /theme/],
    ["a number", JSON.stringify({ timeZone: 0 }), 422, /one of: browser, utc/],
    ["not JSON", "{timeZone:", 400, /not valid JSON/],
  ])("refuses %s with a clear message and changes nothing", async (_what, body, status, message) => {
    const { user, token } = await userWithToken();
    const res = await call("PATCH", token, body);
    expect(res.status).toBe(status);
    expect((res.body?.error as { message: string }).message).toMatch(message);
    expect(await storedBoth(user.id)).toEqual(DEFAULTS);
  });

  it("turns single-key shortcuts off and on again, leaving the time zone alone, and audits only that field", async () => {
    const { user, token } = await userWithToken();
    await call("PATCH", token, JSON.stringify({ timeZone: "utc" }));
    expect(await call("PATCH", token, JSON.stringify({ singleKeyShortcuts: false }))).toEqual({ status: 200, body: { timeZone: "utc", singleKeyShortcuts: false } });
    expect(await storedBoth(user.id)).toEqual({ timeZone: "utc", singleKeyShortcuts: false });
    expect(await call("GET", token)).toEqual({ status: 200, body: { timeZone: "utc", singleKeyShortcuts: false } });
    // A time-zone change alone keeps the shortcuts off.
    expect((await call("PATCH", token, JSON.stringify({ timeZone: "browser" }))).body).toEqual({ timeZone: "browser", singleKeyShortcuts: false });
    // Both at once.
    expect((await call("PATCH", token, JSON.stringify({ timeZone: "utc", singleKeyShortcuts: true }))).body).toEqual({ timeZone: "utc", singleKeyShortcuts: true });
    expect(await storedBoth(user.id)).toEqual({ timeZone: "utc", singleKeyShortcuts: true });
    const audit = await db().auditEvent.findMany({ where: { entityType: "user", entityId: user.id, action: "user.preferences" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [{ timeZone: "browser" }, { timeZone: "utc" }],
      [{ singleKeyShortcuts: true }, { singleKeyShortcuts: false }],
      [{ timeZone: "utc" }, { timeZone: "browser" }],
      [{ timeZone: "browser", singleKeyShortcuts: false }, { timeZone: "utc", singleKeyShortcuts: true }],
    ]);
  });

  it.each([
    ["a string", JSON.stringify({ singleKeyShortcuts: "false" })],
    ["a number", JSON.stringify({ singleKeyShortcuts: 0 })],
    ["null", JSON.stringify({ singleKeyShortcuts: null })],
    ["a bad value beside a good one", JSON.stringify({ timeZone: "utc", singleKeyShortcuts: "off" })],
  ])("refuses single-key shortcuts as %s, saying what it takes, and changes nothing", async (_what, body) => {
    const { user, token } = await userWithToken();
    await call("PATCH", token, JSON.stringify({ singleKeyShortcuts: false }));
    const res = await call("PATCH", token, body);
    expect(res.status).toBe(422);
    expect((res.body?.error as { message: string }).message).toBe("singleKeyShortcuts: singleKeyShortcuts must be true or false");
    expect(await storedBoth(user.id)).toEqual({ timeZone: "browser", singleKeyShortcuts: false });
  });

  it("refuses a body that is not JSON by media type", async () => {
    const { user, token } = await userWithToken();
    const res = await call("PATCH", token, "timeZone=utc", "application/x-www-form-urlencoded");
    expect(res.status).toBe(415);
    expect(await storedBoth(user.id)).toEqual(DEFAULTS);
  });

  // No credentials at all needs a request scope for the session cookie: e2e/chart-tools.spec.ts sends that over real HTTP.
  it("needs a caller: a bogus token is 401, a token without catalog:read is 403, and nothing changes", async () => {
    expect((await call("GET", "ew_bogus_token")).status).toBe(401);
    expect((await call("PATCH", "ew_bogus_token", JSON.stringify({ timeZone: "utc" }))).status).toBe(401);
    const { user, token } = await userWithToken("viewer", ["telemetry:write"]);
    const refused = await call("PATCH", token, JSON.stringify({ timeZone: "utc" }));
    expect(refused.status).toBe(403);
    expect((await call("GET", token)).status).toBe(403);
    expect(await storedBoth(user.id)).toEqual(DEFAULTS);
  });
});
