// The admin audit log API through its real route handlers: filters, cursor paging, CSV, and who may read it.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createToken } from "@/lib/auth/api-tokens";
import { systemActor } from "@/lib/auth/actor";
import type { Scope } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { makeUser, unique } from "@/scripts/test/factories";
import * as exported from "./export/route";
import * as list from "./route";

async function tokenFor(role: "viewer" | "member" | "architect" | "admin", scopes: Scope[]) {
  const user = await makeUser(role);
  return (await createToken(systemActor("test"), { name: "t", scopes, userEmail: user.email })).token;
}
const get = (path: string, token: string) => new NextRequest(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });
const none = { params: Promise.resolve({}) };
interface Page { items: { id: string; actor: string; action: string; entityType: string; entityId: string; at: string }[]; nextCursor: string | null; entityTypes: string[] }

/** Events of a made-up entity type, so the filters see only this test's rows. */
async function seedEvents(entityType: string, actor: string, rows: { action: string; at: Date; entityId?: string; after?: object }[]) {
  for (const r of rows) {
    await db().auditEvent.create({ data: { actorLabel: actor, action: r.action, entityType, entityId: r.entityId ?? randomUUID(), at: r.at, after: r.after } });
  }
}

describe("GET /api/audit", () => {
  it("filters by actor, entity type, action and time, and pages with a cursor", async () => {
    const type = unique("thing");
    const alice = `${unique("alice")}@test.local`;
    const day = (d: number) => new Date(Date.UTC(2026, 0, d, 12));
    await seedEvents(type, alice, [
      { action: "thing.create", at: day(1) },
      { action: "thing.update", at: day(2) },
      { action: "thing.update", at: day(3) },
      { action: "thing.delete", at: day(4) },
      { action: "thingamajig.create", at: day(5) },
    ]);
    await seedEvents(type, "bob@test.local", [{ action: "thing.update", at: day(3) }]);
    const admin = await tokenFor("admin", ["admin"]);
    const read = async (qs: string) => {
      const res = await list.GET(get(`/api/audit?entityType=${type}&${qs}`, admin), none);
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as Page;
    };

    expect((await read("")).items).toHaveLength(6);
    expect((await read("")).entityTypes).toContain(type);
    expect((await read(`actor=${alice.slice(0, 12).toUpperCase()}`)).items.every((i) => i.actor === alice)).toBe(true);
    expect((await read(`actor=${alice.slice(0, 12)}`)).items).toHaveLength(5);
    // An action filter matches the action itself or its dotted family, not other prefixes.
    expect((await read("action=thing")).items.map((i) => i.action).sort()).toEqual(["thing.create", "thing.delete", "thing.update", "thing.update", "thing.update"]);
    expect((await read("action=thing.update")).items).toHaveLength(3);
    const window = await read(`from=${day(2).toISOString()}&to=${day(3).toISOString()}`);
    expect(window.items.map((i) => i.at).sort()).toEqual([day(2), day(3), day(3)].map((d) => d.toISOString()));

    // Pages of two, newest first, no overlap and nothing missed.
    const seen: string[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const page: Page = await read(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(6);
    expect(seen).toEqual([...seen].sort((a, b) => Number(BigInt(b) - BigInt(a))));
  });

  it("rejects bad filters with 422/400 and refuses everyone but admins", async () => {
    const admin = await tokenFor("admin", ["admin"]);
    expect((await list.GET(get("/api/audit?from=yesterday", admin), none)).status).toBe(422);
    expect((await list.GET(get("/api/audit?from=2026-02-01&to=2026-01-01", admin), none)).status).toBe(422);
    expect((await list.GET(get("/api/audit?limit=0", admin), none)).status).toBe(422);
    expect((await list.GET(get("/api/audit?cursor=bm9wZQ", admin), none)).status).toBe(400);
    for (const role of ["viewer", "member", "architect"] as const) {
      const token = await tokenFor(role, ["admin"]);
      expect((await list.GET(get("/api/audit", token), none)).status, role).toBe(403);
      expect((await exported.GET(get("/api/audit/export", token), none)).status, role).toBe(403);
    }
    // An admin's token without the admin scope may not read it either.
    const narrow = await tokenFor("admin", ["catalog:write"]);
    expect((await list.GET(get("/api/audit", narrow), none)).status).toBe(403);
    expect((await exported.GET(get("/api/audit/export", narrow), none)).status).toBe(403);
  });
});

describe("GET /api/audit/export", () => {
  it("exports the filtered log as CSV with quoting and formula cells made inert", async () => {
    const type = unique("csvthing");
    await seedEvents(type, "=cmd|' /C calc'!A0", [
      { action: "csvthing.create", at: new Date("2026-03-01T00:00:00Z"), entityId: "+SUM(1,2)", after: { name: 'a "quoted", line\nbreak' } },
      { action: "csvthing.update", at: new Date("2026-03-02T00:00:00Z"), entityId: "@evil" },
    ]);
    const admin = await tokenFor("admin", ["admin"]);
    const res = await exported.GET(get(`/api/audit/export?entityType=${type}`, admin), none);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="edgewise-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("id,at,actor,action,entity_type,entity_id,before,after");
    expect(lines.at(-1)).toBe("");
    // Newest first; the update row has no before/after.
    expect(lines[1]).toMatch(new RegExp(`^\\d+,2026-03-02T00:00:00.000Z,'=cmd\\|' /C calc'!A0,csvthing.update,${type},'@evil,,$`));
    expect(text).toContain(`csvthing.create,${type},"'+SUM(1,2)",,"{""name"":""a \\""quoted\\"", line\\nbreak""}"`);
    // No cell in the file starts with a formula character once its quotes are removed.
    expect(text).not.toMatch(/(^|,|\r\n)"?[=+\-@]/);
  });
});
