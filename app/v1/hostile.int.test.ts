// Hostile OTLP bodies through the real route handlers and a real PostgreSQL (issue 21): names past the
// bound, times outside the sanity window and counts past 2^53 are turned away per item in
// partialSuccess (or, for counts, with a 400) while the rest of the batch is committed; never a 500.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { flushRejectedRequests } from "@/lib/telemetry/ingest-counts";
import { MAX_MINUTE_COUNT } from "@/lib/telemetry/bounds";
import { ingestionStatus } from "@/lib/telemetry/status";
import { makeUser, unique } from "@/scripts/test/factories";
import { servicegraphBody } from "@/scripts/test/servicegraph-body";
import { POST as postMetrics } from "./metrics/route";
import { POST as postTraces } from "./traces/route";

const MIN_NS = 60_000_000_000n;
const NOW_NS = BigInt(Date.now()) * 1_000_000n;
const T0 = (NOW_NS / MIN_NS - 10n) * MIN_NS; // ten minutes ago, minute-aligned
const str = (key: string, stringValue: string) => ({ key, value: { stringValue } });

async function auth() {
  const user = await makeUser("member");
  return `Bearer ${(await createToken(systemActor("test"), { name: "otel", scopes: ["telemetry:write"], userEmail: user.email })).token}`;
}

const send = (route: typeof postTraces, path: string, authorization: string, body: unknown) =>
  route(new NextRequest(`http://localhost${path}`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify(body) }));

let spanSeq = 0;
/** One resourceSpans entry: client spans from `service` to each target, starting at `startNs`, `durationNs` long. */
function resourceSpans(service: string, calls: { target: string; attribute?: string; startNs?: bigint; durationNs?: bigint }[]) {
  return {
    resource: { attributes: [str("service.name", service)] },
    scopeSpans: [
      {
        spans: calls.map((c) => {
          const start = c.startNs ?? T0;
          return {
            traceId: "5b8efff798038103d269b633813fc60c",
            spanId: (++spanSeq).toString(16).padStart(16, "0"),
            name: "call",
            kind: 3,
            startTimeUnixNano: String(start),
            endTimeUnixNano: String(start + (c.durationNs ?? 5_000_000n)),
            attributes: [str(c.attribute ?? "peer.service", c.target)],
          };
        }),
      },
    ],
  };
}

const edgeCount = async (source: string, target: string) => {
  const rows = await db().latencyBucket.findMany({ where: { seriesKey: `edge:${source}->${target}`, resolution: "minute" } });
  return rows.reduce((n, r) => n + Number(r.count), 0);
};

describe("/v1/traces with hostile names and times", () => {
  it("rejects spans whose names pass 255 characters (3,000 and 9,000 characters answered 500 before) and commits the valid ones", async () => {
    const authorization = await auth();
    const source = unique("svc");
    const [good1, good2] = [unique("pay"), unique("ship")];
    const res = await send(postTraces, "/v1/traces", authorization, {
      resourceSpans: [
        resourceSpans(source, [{ target: good1 }, { target: "p".repeat(3000) }, { target: good1 }, { target: "a".repeat(9000), attribute: "server.address" }]),
        resourceSpans("s".repeat(3000), [{ target: good2 }]),
        resourceSpans(source, [{ target: good2 }, { target: "q".repeat(256), attribute: "rpc.service" }]),
      ],
    });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(Number(answer.partialSuccess.rejectedSpans)).toBe(4);
    expect(answer.partialSuccess.errorMessage).toMatch(/^4 span\(s\) rejected: a span: peer\.service is longer than 255 characters; a span: server\.address is longer than 255 characters; a span: service\.name/);
    expect(await edgeCount(source, good1)).toBe(2);
    expect(await edgeCount(source, good2)).toBe(1);
    const longKeys = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM latency_buckets WHERE length(series_key) > 600`;
    expect(Number(longKeys[0]!.n)).toBe(0);
  });

  it("rejects spans at 1970, in 2500, a day ahead and ten years long, keeps four minutes of clock skew, and counts each reason for Settings", async () => {
    const authorization = await auth();
    const [source, target] = [unique("svc"), unique("dst")];
    const before = await ingestionStatus(systemActor("test"));
    const countOf = (s: typeof before, reason: string) => s.rejections.find((r) => r.signal === "traces" && r.reason === reason)?.count ?? 0;
    const year2500 = BigInt(Date.UTC(2500, 0, 1)) * 1_000_000n;
    const res = await send(postTraces, "/v1/traces", authorization, {
      resourceSpans: [
        resourceSpans(source, [
          { target, startNs: 0n },
          { target, startNs: 1n },
          { target, startNs: year2500 },
          { target, startNs: NOW_NS + 86_400_000_000_000n },
          { target, startNs: T0 - 3_600_000_000_000n, durationNs: 10n * 365n * 86_400_000_000_000n },
          { target, startNs: NOW_NS + 4n * MIN_NS },
          { target },
        ]),
      ],
    });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(Number(answer.partialSuccess.rejectedSpans)).toBe(5);
    expect(answer.partialSuccess.errorMessage).toContain("its start time is older than the minute data's retention (14 days)");
    expect(answer.partialSuccess.errorMessage).toContain("its start time is more than 5 minute(s) in the future");
    expect(answer.partialSuccess.errorMessage).toContain("its duration is longer than 1440 minute(s)");
    expect(await edgeCount(source, target)).toBe(2);
    const latest = await db().latencyBucket.findFirst({ where: { seriesKey: `edge:${source}->${target}` }, orderBy: { start: "desc" } });
    expect(latest!.start.getTime()).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    const after = await ingestionStatus(systemActor("test"));
    expect(countOf(after, "time_too_old") - countOf(before, "time_too_old")).toBe(2);
    expect(countOf(after, "time_in_future") - countOf(before, "time_in_future")).toBe(2);
    expect(countOf(after, "duration_too_long") - countOf(before, "duration_too_long")).toBe(1);
    expect(after.rejections.find((r) => r.reason === "time_in_future")?.label).toBe("Starts more than a few minutes in the future");
  });
});

/** A servicegraph client-duration histogram from `client` to `server`: one delta point per count, by default all in the minute after T0. */
const graphBody = (client: string, server: string, points: { count: bigint | number; timeNs?: bigint }[]) =>
  servicegraphBody(points.map((p) => ({ client, server, count: p.count, timeNs: p.timeNs ?? T0 + 30_000_000_000n })));

describe("/v1/metrics with hostile names, times and counts", () => {
  it("refuses with a 400 Status a request whose counts sum past 2^53 (a 500 before), writing nothing", async () => {
    const authorization = await auth();
    const [client, server] = [unique("svc"), unique("dst")];
    const half = 2n ** 52n;
    const res = await send(postMetrics, "/v1/metrics", authorization, graphBody(client, server, [{ count: half }, { count: half }, { count: 1 }]));
    expect(res.status).toBe(400);
    const status = await res.json();
    expect(status.code).toBe(3);
    expect(status.message).toContain("9007199254740993, more than 2^53 − 1");
    expect(await edgeCount(client, server)).toBe(0);

    // Exactly 2^53 − 1 is carried exactly, spread over minutes each within MAX_MINUTE_COUNT.
    const minutes = 1441n;
    const points = Array.from({ length: Number(minutes) }, (_, i) => ({ count: i === 0 ? 2n ** 53n - 1n - (minutes - 1n) * BigInt(MAX_MINUTE_COUNT) : BigInt(MAX_MINUTE_COUNT), timeNs: T0 - BigInt(i) * MIN_NS + 30_000_000_000n }));
    const exact = await send(postMetrics, "/v1/metrics", authorization, graphBody(client, server, points));
    expect(exact.status).toBe(200);
    const [row] = await db().$queryRaw<{ total: string }[]>`SELECT sum(count)::text AS total FROM latency_buckets WHERE series_key = ${`edge:${client}->${server}`}`;
    expect(BigInt(row!.total)).toBe(2n ** 53n - 1n);
  });

  it("refuses with a 400 Status, changing nothing, a request fine alone whose count would take a stored minute past its bound (2^53 + 90 stored, read rounded, before)", async () => {
    const authorization = await auth();
    const [client, server] = [unique("svc"), unique("dst")];
    const key = `edge:${client}->${server}`;
    const stored = async () => (await db().$queryRaw<{ count: bigint; histogram: unknown }[]>`SELECT count, histogram::text AS histogram FROM latency_buckets WHERE series_key = ${key}`)[0];
    const first = await send(postMetrics, "/v1/metrics", authorization, graphBody(client, server, [{ count: BigInt(MAX_MINUTE_COUNT) - 10n }]));
    expect(first.status).toBe(200);
    const before = await stored();
    expect(before!.count).toBe(BigInt(MAX_MINUTE_COUNT) - 10n);
    const malformed = async () => {
      await flushRejectedRequests();
      return (await ingestionStatus(systemActor("test"))).rejections.find((r) => r.signal === "metrics" && r.reason === "request:malformed")?.count ?? 0;
    };
    const countsBefore = await malformed();

    // 100 more is fine in its own request, but the minute would pass its bound.
    const res = await send(postMetrics, "/v1/metrics", authorization, graphBody(client, server, [{ count: 100 }]));
    expect(res.status).toBe(400);
    const status = await res.json();
    expect(status.code).toBe(3);
    expect(status.message).toBe(`These counts would take a minute of a series past ${MAX_MINUTE_COUNT} calls (2^53 − 1 over the 1,440 minutes of a day, so that its hours and days stay exact); nothing was written`);
    expect(await stored()).toEqual(before);
    expect((await malformed()) - countsBefore).toBe(1);

    // Up to the bound still lands, exactly.
    const rest = await send(postMetrics, "/v1/metrics", authorization, graphBody(client, server, [{ count: 10 }]));
    expect(rest.status).toBe(200);
    expect((await stored())!.count).toBe(BigInt(MAX_MINUTE_COUNT));
  });

  it("rejects points with long client/server names or dated 2500 in partialSuccess and commits the rest", async () => {
    const authorization = await auth();
    const [client, server] = [unique("svc"), unique("dst")];
    const body = graphBody(client, server, [{ count: 3 }, { count: 4, timeNs: BigInt(Date.UTC(2500, 0, 1)) * 1_000_000n }]);
    const long = graphBody("c".repeat(3000), server, [{ count: 5 }]).resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
    body.resourceMetrics[0]!.scopeMetrics[0]!.metrics.push(long);
    const res = await send(postMetrics, "/v1/metrics", authorization, body);
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(Number(answer.partialSuccess.rejectedDataPoints)).toBe(2);
    expect(answer.partialSuccess.errorMessage).toMatch(/a data point: its timeUnixNano is more than 5 minute\(s\) in the future; a data point: client is longer than 255 characters/);
    expect(await edgeCount(client, server)).toBe(3);
  });
});
