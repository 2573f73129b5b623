// /v1/logs through its real route handler: a Collector's logs pipeline gets OTLP answers (auth, content
// types, malformed bodies as google.rpc.Status), its records are rejected in partialSuccess — which
// OTLP clients do not retry — counted as dropped, and nothing is stored.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { flushRejectedRequests } from "@/lib/telemetry/ingest-counts";
import { ingestionStatus } from "@/lib/telemetry/status";
import { actorFor, makeUser } from "@/scripts/test/factories";
import { POST } from "./route";

const example = fs.readFileSync(path.join(__dirname, "../../../lib/telemetry/fixtures/otlp-examples/logs.json"));

async function token(scopes: ("telemetry:write" | "catalog:read")[]) {
  const user = await makeUser("member");
  return (await createToken(systemActor("test"), { name: "otel-logs", scopes, userEmail: user.email })).token;
}

const post = (headers: Record<string, string>, body: BodyInit) => POST(new NextRequest("http://localhost/v1/logs", { method: "POST", headers, body }));

async function dropped(): Promise<number> {
  await flushRejectedRequests();
  const rows = await db().ingestCount.findMany({ where: { signal: "logs", outcome: "logs_not_stored" } });
  return rows.reduce((n, r) => n + Number(r.count), 0);
}

describe("POST /v1/logs", () => {
  it("answers the specification's example 200 with its record rejected, counts it, and stores nothing", async () => {
    const auth = `Bearer ${await token(["telemetry:write"])}`;
    const before = await dropped();
    const buckets = await db().latencyBucket.count();
    const res = await post({ authorization: auth, "content-type": "application/json" }, example);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partialSuccess: { rejectedLogRecords: "1", errorMessage: expect.stringContaining("Edgewise stores no logs") } });
    const twoScopes = { resourceLogs: [{ scopeLogs: [{ logRecords: [{}, {}] }, { logRecords: [{ body: { stringValue: "x" } }] }] }] };
    expect(await (await post({ authorization: auth, "content-type": "application/json" }, JSON.stringify(twoScopes))).json()).toMatchObject({ partialSuccess: { rejectedLogRecords: "3" } });
    // No records: nothing to reject, the empty success.
    expect(await (await post({ authorization: auth, "content-type": "application/json" }, "{}")).json()).toEqual({});
    expect(await dropped()).toBe(before + 4);
    expect(await db().latencyBucket.count()).toBe(buckets);
    const status = await ingestionStatus(await actorFor("viewer"));
    expect(status.rejections).toContainEqual(expect.objectContaining({ signal: "logs", reason: "logs_not_stored", label: expect.stringContaining("stores no logs") }));
  });

  it("answers protobuf in protobuf: the empty response, or partial_success with rejected_log_records", async () => {
    const auth = `Bearer ${await token(["telemetry:write"])}`;
    // ExportLogsServiceRequest { resource_logs { scope_logs { log_records {} log_records {} } } }, by hand.
    const body = Uint8Array.from([0x0a, 0x06, 0x12, 0x04, 0x12, 0x00, 0x12, 0x00]);
    const res = await post({ authorization: auth, "content-type": "application/x-protobuf" }, body);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    const answer = new Uint8Array(await res.arrayBuffer());
    // partial_success (field 1) { rejected_log_records (field 1) = 2, error_message (field 2) … }
    expect([...answer.subarray(0, 1)]).toEqual([0x0a]);
    expect([...answer.subarray(2, 4)]).toEqual([0x08, 0x02]);
    expect(Buffer.from(answer).toString("utf8")).toContain("2 log records dropped");
  });

  it("answers 401, 403, 415 and 400 as OTLP Status, and counts nothing for them", async () => {
    const ok = { authorization: `Bearer ${await token(["telemetry:write"])}`, "content-type": "application/json" };
    const before = await dropped();
    expect((await post({ "content-type": "application/json" }, example)).status).toBe(401);
    const forbidden = await post({ ...ok, authorization: `Bearer ${await token(["catalog:read"])}` }, example);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ code: 7 });
    expect((await post({ ...ok, "content-type": "text/plain" }, example)).status).toBe(415);
    const malformed = await post(ok, JSON.stringify({ resourceLogs: [{ scopeLogs: 3 }] }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 3, details: [{ fieldViolations: [{ field: "resourceLogs[0].scopeLogs" }] }] });
    expect((await post({ ...ok, "content-type": "application/x-protobuf" }, Buffer.from([0x0a, 0xff, 0x01]))).status).toBe(400);
    expect(await dropped()).toBe(before);
  });
});
