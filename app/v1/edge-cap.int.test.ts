// Observed-edge cardinality through the real /v1/traces handler and PostgreSQL (issue 21, defect 7):
// a token making an edge per random name is cut off at its hourly cap, the refusals are answered in
// partialSuccess and counted for Settings → Telemetry, and its known edges and declared traffic still land.
process.env.EDGEWISE_OBSERVED_EDGES_PER_TOKEN_HOUR = "3"; // read on the first env() call, after the imports

import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { ingestionStatus } from "@/lib/telemetry/status";
import { makeUser, unique } from "@/scripts/test/factories";
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
});
