// /v1/traces through its real route handler: auth, content types, size limits, partial success.
import { gzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { makeUser } from "@/scripts/test/factories";
import { POST } from "./route";

async function token(scopes: ("telemetry:write" | "catalog:read")[]) {
  const user = await makeUser("member");
  return (await createToken(systemActor("test"), { name: "otel", scopes, userEmail: user.email })).token;
}

const post = (headers: Record<string, string>, body: BodyInit) => POST(new NextRequest("http://localhost/v1/traces", { method: "POST", headers, body }));

const span = (over: Record<string, unknown> = {}) => ({
  traceId: "5b8efff798038103d269b633813fc60c",
  spanId: "eee19b7ec3c1b174",
  name: "call",
  kind: 3,
  startTimeUnixNano: "1000000000",
  endTimeUnixNano: "1005000000",
  attributes: [{ key: "peer.service", value: { stringValue: "somewhere" } }],
  ...over,
});
const payload = (spans: unknown[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "http-test" } }] }, scopeSpans: [{ spans }] }] });

describe("POST /v1/traces", () => {
  it("answers 200 with partialSuccess for the spans it could not use", async () => {
    const t = await token(["telemetry:write"]);
    const res = await post({ authorization: `Bearer ${t}`, "content-type": "application/json" }, payload([span(), span({ spanId: "bad" })]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partialSuccess: { rejectedSpans: "1", errorMessage: expect.stringContaining("spans[1]") } });
    const clean = await post({ authorization: `Bearer ${t}`, "content-type": "application/json; charset=utf-8", "content-encoding": "gzip" }, gzipSync(payload([span({ spanId: "eee19b7ec3c1b175" })])));
    expect(clean.status).toBe(200);
    expect(await clean.json()).toEqual({});
    // A few bytes: the server's gzip (which honours no-transform) must not spend a zlib stream on them.
    expect(clean.headers.get("cache-control")).toBe("no-store, no-transform");
  });

  it("answers 401, 403, 415, 400 and 413 for the matching bad requests", async () => {
    const t = await token(["telemetry:write"]);
    const ok = { authorization: `Bearer ${t}`, "content-type": "application/json" };
    expect((await post({ "content-type": "application/json" }, payload([span()]))).status).toBe(401);
    expect((await post({ ...ok, authorization: `Bearer ${await token(["catalog:read"])}` }, payload([span()]))).status).toBe(403);
    expect((await post({ ...ok, "content-type": "application/x-protobuf" }, Buffer.from([0x00]))).status).toBe(400);
    expect((await post({ ...ok, "content-type": "text/plain" }, payload([span()]))).status).toBe(415);
    expect((await post({ ...ok, "content-encoding": "br" }, payload([span()]))).status).toBe(415);
    expect((await post(ok, "{not json")).status).toBe(400);
    expect((await post(ok, JSON.stringify({ resourceSpans: 5 }))).status).toBe(400);
    expect((await post({ ...ok, "content-encoding": "gzip" }, Buffer.from("not gzip at all"))).status).toBe(400);
    // A gzip bomb: 64 MiB of zeros compresses to ~64 KiB; decompression stops at the 8 MiB limit.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await post({ ...ok, "content-encoding": "gzip" }, bomb);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });
});
