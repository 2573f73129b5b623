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

// Ten minutes ago: inside the ingestion time window.
const START_NS = (BigInt(Date.now()) / 60_000n - 10n) * 60_000_000_000n;
const span = (over: Record<string, unknown> = {}) => ({
  traceId: "5b8efff798038103d269b633813fc60c",
  spanId: "eee19b7ec3c1b174",
  name: "call",
  kind: 3,
  startTimeUnixNano: String(START_NS),
  endTimeUnixNano: String(START_NS + 5_000_000n),
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
    expect(await res.json()).toEqual({ code: 8, message: expect.stringContaining("larger than"), details: [] });
  });

  it("answers errors as a google.rpc.Status in the request's encoding, with a BadRequest for bad data", async () => {
    const t = await token(["telemetry:write"]);
    const bad = await post({ authorization: `Bearer ${t}`, "content-type": "application/json" }, JSON.stringify({ resourceSpans: [{ scopeSpans: [5] }] }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/json");
    expect(await bad.json()).toEqual({
      code: 3,
      message: "resourceSpans[0].scopeSpans[0] must be an object",
      details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "resourceSpans[0].scopeSpans[0]", description: "resourceSpans[0].scopeSpans[0] must be an object" }] }],
    });
    const unauthenticated = await post({ "content-type": "application/json" }, payload([span()]));
    expect(await unauthenticated.json()).toEqual({ code: 16, message: expect.stringContaining("Bearer"), details: [] });
    // A content type OTLP has no encoding for is answered in OTLP/JSON.
    const text = await post({ authorization: `Bearer ${t}`, "content-type": "text/plain" }, payload([span()]));
    expect([text.status, text.headers.get("content-type")]).toEqual([415, "application/json"]);
    expect((await text.json()).code).toBe(3);
    const forbidden = await post({ authorization: `Bearer ${await token(["catalog:read"])}`, "content-type": "application/x-protobuf" }, Buffer.from([]));
    expect([forbidden.status, forbidden.headers.get("content-type")]).toEqual([403, "application/x-protobuf"]);
    const status = Buffer.from(await forbidden.arrayBuffer());
    expect(status.subarray(0, 2)).toEqual(Buffer.from([0x08, 0x07])); // google.rpc.Status code PERMISSION_DENIED
    expect(status.toString("utf8")).toContain("telemetry:write");
  });
});
