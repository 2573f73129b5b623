// Observed-edge cardinality through the real /v1/traces handler and PostgreSQL (issue 21, defect 7):
// a token making an edge per random name is cut off at its hourly cap, the refusals are answered in
// partialSuccess and counted for Settings → Telemetry, and its known edges and declared traffic still land.
process.env.EDGEWISE_OBSERVED_EDGES_PER_TOKEN_HOUR = "3"; // read on the first env() call, after the imports

import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { MAX_MINUTE_COUNT } from "@/lib/telemetry/bounds";
import { ingestionStatus } from "@/lib/telemetry/status";
import { makeService, makeTeam, makeUser, unique } from "@/scripts/test/factories";
import { servicegraphBody } from "@/scripts/test/servicegraph-body";
import { POST as postMetrics } from "./metrics/route";
import { POST } from "./traces/route";

const START_NS = (BigInt(Date.now()) / 60_000n - 5n) * 60_000_000_000n;
const str = (key: string, stringValue: string) => ({ key, value: { stringValue } });
let seq = 0;
const body = (source: string, targets: string[]) => ({
  resourceSpans: [
    {
      resource: { attributes: [str("service.name", source)] },
      scopeSpans: [{ spans: targets.map((t) => ({ traceId: "5b8efff798038103d269b633813fc60c", spanId: (++seq).toString(16).padStart(16, "0"), name: "call", kind: 3, startTimeUnixNano: String(START_NS), endTimeUnixNano: String(START_NS + 2_000_000n), attributes: [str("peer.service", t)] })) }],
    },
  ],
});

async function auth() {
  const user = await makeUser("member");
  return `Bearer ${(await createToken(systemActor("test"), { name: "otel", scopes: ["telemetry:write"], userEmail: user.email })).token}`;
}
/** Servicegraph points from `client`, `count` calls to each server (one past MAX_MINUTE_COUNT is refused at commit). */
const graph = (client: string, targets: { server: string; count: bigint }[]) => servicegraphBody(targets.map((t) => ({ client, server: t.server, count: t.count, timeNs: START_NS + 30_000_000_000n })));
const sendMetrics = (authorization: string, payload: unknown) => postMetrics(new NextRequest("http://localhost/v1/metrics", { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify(payload) }));
const rejectedSpans = async (res: Response) => Number((await res.json()).partialSuccess?.rejectedSpans ?? 0);

const send = (authorization: string, payload: unknown) => POST(new NextRequest("http://localhost/v1/traces", { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify(payload) }));
const edges = async (source: string) => (await db().latencyBucket.findMany({ where: { seriesKey: { startsWith: `edge:${source}->` } }, select: { seriesKey: true, count: true } })).map((r) => [r.seriesKey.split("->")[1], Number(r.count)]);

describe("observed-edge cap", () => {
  it("admits three new edges per token per hour, rejects the rest per span, keeps taking spans for admitted edges, and counts the refusals", async () => {
    const [one, two] = [await auth(), await auth()];
    const source = unique("rnd");
    const before = (await ingestionStatus(systemActor("test"))).rejections.find((r) => r.reason === "edge_cap_token")?.count ?? 0;

    const first = await send(one, body(source, ["e1", "e2", "e1", "e3", "e4", "e5", "e4"]));
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(Number(answer.partialSuccess.rejectedSpans)).toBe(3);
    expect(answer.partialSuccess.errorMessage).toBe("3 span(s) rejected: a span: a new observed edge beyond this token's 3 per hour; a span: a new observed edge beyond this token's 3 per hour; a span: a new observed edge beyond this token's 3 per hour");

    // The token's admitted edges still take traffic; new ones stay refused; another token has its own places.
    const again = await send(one, body(source, ["e1", "e3", "e6"]));
    expect(Number((await again.json()).partialSuccess.rejectedSpans)).toBe(1);
    const other = await send(two, body(source, ["e4"]));
    expect(await other.json()).toEqual({});

    expect((await edges(source)).sort()).toEqual([["e1", 3], ["e2", 1], ["e3", 2], ["e4", 1]]);
    const after = (await ingestionStatus(systemActor("test"))).rejections.find((r) => r.reason === "edge_cap_token");
    expect(after!.count - before).toBe(4);
    expect(after!.label).toBe("New observed edge over the token's hourly cap");
  });

  it("gives back the places of an attempt whose catalog was stale: the edge declared meanwhile is not counted against the token (it was, before)", async () => {
    const token = await auth();
    const team = await makeTeam();
    const [caller, callee] = [await makeService(team.id), await makeService(team.id)];
    // Warms this process's catalog, then declares caller → callee behind its back: the next commit finds it stale.
    expect(await rejectedSpans(await send(token, body(caller.telemetryName!, ["w1"])))).toBe(0);
    await createIntegration(systemActor("test"), { sourceService: caller.slug, targetService: callee.slug, operation: unique("op"), style: "sync", protocol: "grpc", budget: { p50Ms: 10, p95Ms: 50, p99Ms: 100 } });
    // First attempt (stale): callee and w2 reserved; second: callee is declared traffic, w2 a new edge.
    expect(await rejectedSpans(await send(token, body(caller.telemetryName!, [callee.telemetryName!, "w2"])))).toBe(0);
    // Two new edges so far, so the third place is free.
    expect(await rejectedSpans(await send(token, body(caller.telemetryName!, ["w3"])))).toBe(0);
    expect(await rejectedSpans(await send(token, body(caller.telemetryName!, ["w4"])))).toBe(1);
    expect((await edges(caller.telemetryName!)).map(([t]) => t).sort()).toEqual(["w1", "w2", "w3"]);
  });

  it("stays exact under concurrent requests of one token, some refused at commit: the places of refused commits come back, and no more than the cap are ever stored", async () => {
    const token = await auth();
    const client = unique("conc");
    const over = BigInt(MAX_MINUTE_COUNT) + 1n; // passes the request's bounds, refused by the table's CHECK
    // Six requests at once: three refused at commit (each reserving a new edge first), three with two new edges each.
    const requests = [
      ...["x1", "x2", "x3"].map((server) => sendMetrics(token, graph(client, [{ server, count: over }]))),
      ...[["a1", "a2"], ["b1", "b2"], ["c1", "c2"]].map((servers) => sendMetrics(token, graph(client, servers.map((server) => ({ server, count: 1n }))))),
    ];
    const answers = await Promise.all(requests);
    // Each of the first three is refused at commit (400), or by the cap before it (200, its one point rejected).
    for (const r of answers.slice(0, 3)) expect(r.status === 400 || (r.status === 200 && Number((await r.json()).partialSuccess.rejectedDataPoints) === 1)).toBe(true);
    expect(answers.slice(3).map((r) => r.status)).toEqual([200, 200, 200]);
    const refused = (await Promise.all(answers.slice(3).map(async (r) => Number((await r.json()).partialSuccess?.rejectedDataPoints ?? 0)))).reduce((a, b) => a + b, 0);
    const stored = await edges(client);
    expect(stored.length).toBeLessThanOrEqual(3);
    expect(stored.length + refused).toBe(6);
    expect(stored.some(([t]) => String(t).startsWith("x"))).toBe(false);
    // Every place not stored is free again: a new request gets exactly what is left of the three.
    const rest = await sendMetrics(token, graph(client, ["d1", "d2", "d3"].map((server) => ({ server, count: 1n }))));
    expect(Number((await rest.json()).partialSuccess?.rejectedDataPoints ?? 0)).toBe(stored.length);
    expect((await edges(client)).length).toBe(3);
  });
});
