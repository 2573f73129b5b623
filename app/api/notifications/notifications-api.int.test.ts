// The notifications API through its real route handlers: the secret shown once and never again,
// clear 4xx for bad input with nothing changed, members limited to their teams' channels, the test
// send answering the receiver's outcome, and audit rows for the writes.
import path from "node:path";
import { createHmac } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { makeTeam, makeUser, unique } from "@/scripts/test/factories";
import { answer, startReceiver, type Receiver } from "@/scripts/test/receiver";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(token: string, method: string, route: string, params: Record<string, string> = {}, body?: unknown, search = "") {
  const file = path.resolve("app/api/notifications", route, "route.ts");
  const handler = ((await import(/* @vite-ignore */ file)) as Record<string, Handler>)[method]!;
  const concrete = `/api/notifications/${route.replace(/\[(\w+)\]/g, (_m, n: string) => params[n]!)}${search}`;
  const res = await handler(
    new NextRequest(`http://localhost${concrete}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> }; // any: the bodies of many endpoints, checked field by field
}

async function tokenFor(role: Role, teamIds: string[] = []) {
  const user = await makeUser(role, teamIds);
  return (await createToken(systemActor("test"), { name: unique("t"), scopes: ["catalog:write"], userEmail: user.email })).token;
}

let admin: string;
let member: string;
let viewer: string;
let mine: { id: string; slug: string };
let theirs: { id: string; slug: string };
let receiver: Receiver;
beforeAll(async () => {
  [mine, theirs] = [await makeTeam(), await makeTeam()];
  admin = await tokenFor("admin");
  member = await tokenFor("member", [mine.id]);
  viewer = await tokenFor("viewer");
  receiver = await startReceiver(answer(202));
});
afterAll(() => receiver.close());

describe("notification channels over HTTP", () => {
  it("creates a webhook channel, answers its secret once, and a test send signs with it", async () => {
    const created = await call(admin, "POST", "channels", {}, { name: unique("hook"), kind: "webhook", url: `${receiver.url}/in`, team: mine.slug });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    const read = await call(admin, "GET", "channels/[id]", { id: created.body.id });
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain(secret);
    expect(read.body).toMatchObject({ team: mine.slug, signed: true, breaker: { state: "closed" } });
    const list = await call(admin, "GET", "channels");
    expect(JSON.stringify(list.body)).not.toContain(secret);
    // Sealed in the database, not stored as given.
    const row = await db().notificationChannel.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.secretBox).not.toContain(secret);

    const test = await call(member, "POST", "channels/[id]/test", { id: created.body.id });
    expect(test.status).toBe(200);
    expect(test.body.outcome).toMatchObject({ ok: true, status: 202 });
    const arrival = receiver.arrivals.at(-1)!;
    expect(arrival.headers["x-edgewise-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(arrival.body).digest("hex")}`);
    expect(JSON.parse(arrival.body)).toMatchObject({ type: "test", id: test.body.event.id });

    const rotated = await call(admin, "PATCH", "channels/[id]", { id: created.body.id }, { rotateSecret: true });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    const audit = await db().auditEvent.findMany({ where: { entityId: created.body.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["notification.channel.create", "notification.channel.update"]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(secret);
  });

  it("refuses bad input with a clear 4xx and changes nothing", async () => {
    const before = await db().notificationChannel.count();
    const bad = [
      { name: "x", kind: "pager", url: "https://example.com" },
      { name: "x", kind: "webhook", url: "ftp://example.com" },
      { name: "", kind: "webhook", url: "https://example.com" },
      { name: "x", kind: "webhook", url: "https://example.com", secret: "mine" },
      { name: "x", kind: "webhook", url: "https://example.com", team: "no-such-team" },
    ];
    for (const body of bad) {
      const r = await call(admin, "POST", "channels", {}, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.code).toBe("validation_failed");
    }
    expect((await call(admin, "POST", "channels", {}, "{not json")).status).toBe(400);
    expect(await db().notificationChannel.count()).toBe(before);

    const c = await call(admin, "POST", "channels", {}, { name: unique("hook"), kind: "webhook", url: `${receiver.url}/in` });
    const rulesBefore = await db().notificationRule.count();
    for (const body of [
      { name: "r", events: [], channelId: c.body.id },
      { name: "r", events: ["nothing.here"], channelId: c.body.id },
      { name: "r", events: ["test"], channelId: c.body.id },
      { name: "r", events: ["slo.alert"], channelId: c.body.id, filters: { minSeverity: "loud" } },
      { name: "r", events: ["slo.alert"], channelId: "00000000-0000-4000-8000-000000000000" },
    ]) {
      const r = await call(admin, "POST", "rules", {}, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
    }
    expect(await db().notificationRule.count()).toBe(rulesBefore);
    expect((await call(admin, "GET", "deliveries", {}, undefined, "?state=lost")).status).toBe(422);
    expect((await call(admin, "GET", "deliveries", {}, undefined, "?cursor=bogus")).status).toBe(400);
    expect((await call(admin, "GET", "channels/[id]", { id: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
  });

  it("sends a Slack channel's messages to its full, decrypted webhook URL", async () => {
    const slack = await call(admin, "POST", "channels", {}, { name: unique("slack"), kind: "slack", url: `${receiver.url}/services/T0/B0/tokenpart` });
    expect(slack.status).toBe(201);
    const before = receiver.arrivals.length;
    const sent = await call(admin, "POST", "channels/[id]/test", { id: slack.body.id as string });
    expect(sent.status).toBe(200);
    expect(receiver.arrivals.slice(before).map((a) => a.url)).toEqual(["/services/T0/B0/tokenpart"]);
  });

  it("members manage only their teams' channels and rules; viewers none", async () => {
    const own = await call(member, "POST", "channels", {}, { name: unique("own"), kind: "slack", url: "https://hooks.slack.example/services/T/B/secretpart", team: mine.slug });
    expect(own.status).toBe(201);
    expect(own.body.secret).toBeNull();
    expect(own.body.url).not.toContain("secretpart");
    // A Slack webhook's path is its credential: stored encrypted, never in the row's readable columns.
    const stored = await db().notificationChannel.findUniqueOrThrow({ where: { id: own.body.id as string } });
    expect(stored.url).toBe("https://hooks.slack.example/…");
    expect(JSON.stringify(stored)).not.toContain("secretpart");
    expect((await call(member, "POST", "channels", {}, { name: unique("x"), kind: "webhook", url: "https://example.com", team: theirs.slug })).status).toBe(403);
    expect((await call(member, "POST", "channels", {}, { name: unique("x"), kind: "webhook", url: "https://example.com" })).status).toBe(403);
    const other = await call(admin, "POST", "channels", {}, { name: unique("other"), kind: "webhook", url: "https://example.com", team: theirs.slug });
    const listed = (await call(member, "GET", "channels")).body.items as { id: string }[];
    expect(listed.map((c) => c.id)).toContain(own.body.id);
    expect(listed.map((c) => c.id)).not.toContain(other.body.id);
    expect((await call(member, "PATCH", "channels/[id]", { id: other.body.id }, { name: "mine now" })).status).toBe(403);
    expect((await call(member, "POST", "rules", {}, { name: "r", events: ["slo.alert"], channelId: other.body.id })).status).toBe(403);
    const rule = await call(member, "POST", "rules", {}, { name: "r", events: ["slo.alert", "slo.alert"], channelId: own.body.id, filters: { minSeverity: "critical" } });
    expect(rule.status).toBe(201);
    expect(rule.body.events).toEqual(["slo.alert"]);
    expect((await call(member, "PATCH", "rules/[id]", { id: rule.body.id }, { channelId: other.body.id })).status).toBe(403);
    expect((await call(member, "PATCH", "rules/[id]", { id: rule.body.id }, { muted: true })).body.muted).toBe(true);
    expect((await call(viewer, "GET", "channels")).status).toBe(403);
    expect((await call(viewer, "GET", "deliveries")).status).toBe(403);
    expect((await call(member, "DELETE", "rules/[id]", { id: rule.body.id })).status).toBe(204);
    expect((await call(member, "DELETE", "channels/[id]", { id: own.body.id })).status).toBe(204);
    expect(await db().notificationChannel.count({ where: { id: own.body.id } })).toBe(0);
  });
});
