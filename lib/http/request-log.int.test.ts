// The request log through real route handlers (the shared wrapper and an OTLP route) on the test
// database: one JSON line per request with the documented route, actor, request id and trace context.
import { Writable } from "node:stream";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listTeams } from "@/app/api/teams/route";
import { POST as postLogs } from "@/app/v1/logs/route";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { makeUser } from "@/scripts/test/factories";
import { useRequestLog } from "./request-log";

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

beforeAll(() => useRequestLog(sink));
afterAll(() => useRequestLog());

async function tokenFor(scopes: ("catalog:read" | "telemetry:write")[]) {
  const user = await makeUser("member");
  return { user, token: (await createToken(systemActor("test"), { name: "log-test", scopes, userEmail: user.email })).token };
}

const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

describe("request log", () => {
  it("logs a request through the route wrapper with its route, actor, request id and trace context", async () => {
    const { user, token } = await tokenFor(["catalog:read"]);
    lines.length = 0;
    const res = await listTeams(new NextRequest("http://localhost/api/teams?x=1", { headers: { authorization: `Bearer ${token}`, traceparent: TRACEPARENT, "x-request-id": "req-123" } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-123");
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, service: "edgewise", method: "GET", route: "/api/teams", path: "/api/teams", status: 200, actorId: user.id, requestId: "req-123", traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", msg: "request" }),
    ]);
    expect(lines[0]!.durationMs).toEqual(expect.any(Number));
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it("makes its own request id for a missing or unsafe one, and logs a refused request without an actor", async () => {
    lines.length = 0;
    const res = await listTeams(new NextRequest("http://localhost/api/teams", { headers: { authorization: "Bearer nonsense", "x-request-id": "two words; <script>", traceparent: "00-00000000000000000000000000000000-00f067aa0ba902b7-01" } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 401, actorId: null, requestId: id });
    expect(lines[0]).not.toHaveProperty("traceId"); // an all-zero trace id is invalid
  });

  it("logs the OTLP routes too, by their documented path", async () => {
    const { user, token } = await tokenFor(["telemetry:write"]);
    lines.length = 0;
    const res = await postLogs(new NextRequest("http://localhost/v1/logs", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", traceparent: TRACEPARENT }, body: "{}" }));
    expect(res.status).toBe(200);
    expect(lines).toEqual([expect.objectContaining({ method: "POST", route: "/v1/logs", status: 200, actorId: user.id, traceId: "4bf92f3577b34da6a3ce929d0e0e4736" })]);
  });
});
