// Prometheus shards a histogram's series: its _bucket{le}, _sum and _count samples at one timestamp come
// in different requests, here through two route handlers in this process, then through two server
// processes over HTTP, at once, with retried shards, into one real PostgreSQL. The
// latency API shows the exact calls per minute, and nothing is left staged.
import { NextRequest } from "next/server";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { latencyQuerySchema, latencySeries } from "@/lib/telemetry/latency";
import { remoteWriteRoute } from "@/lib/telemetry/remote-write-http";
import { ConcurrencyGate, TokenBuckets } from "@/lib/telemetry/overload";
import { classicHistogram, encodeWriteRequest, type WriteSeries } from "@/scripts/test/remote-write-body";
import { TEMPO_BUCKETS_S } from "@/scripts/test/spanmetrics-target";
import { remoteWriteEstate } from "@/scripts/test/remote-write-estate";
import { startRemoteWriteServer } from "@/scripts/test/remote-write-process";

const T0_MS = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
const HEADERS = { "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0" };
const paths = [0, 1].map(() => remoteWriteRoute({ gate: new ConcurrencyGate(16), buckets: new TokenBuckets(10_000, 10_000) }));

type Estate = Awaited<ReturnType<typeof remoteWriteEstate>>;
/** Sends one body through ingestion path 0 or 1. */
type Post = (e: Estate, path: number, series: WriteSeries[]) => Promise<Response>;

async function scenario(send: Post) {
    const e = await remoteWriteEstate();
    const post = async (path: number, series: WriteSeries[]) => expect((await send(e, path, series)).status).toBe(204);
    // Cumulative observations per scrape, ok and error series; scrape k is in minute k.
    const ok = [[0.01], [0.01, 0.05, 0.05, 0.3], [0.01, 0.05, 0.05, 0.3, 0.003, 2.5], [0.01, 0.05, 0.05, 0.3, 0.003, 2.5, 0.07, 0.07, 0.07]];
    const failed = [[], [0.9], [0.9, 0.9], [0.9, 0.9, 4]];
    const scrape = (k: number) => {
      const at = T0_MS + 10_000 + k * 60_000;
      const all = [...classicHistogram("traces_spanmetrics_latency", e.labels("STATUS_CODE_UNSET"), TEMPO_BUCKETS_S, ok[k]!, at), ...classicHistogram("traces_spanmetrics_latency", e.labels("STATUS_CODE_ERROR"), TEMPO_BUCKETS_S, failed[k]!, at)];
      // Two shards: the lower bounds of both series in one, the upper bounds, +Inf, _sum and _count in the other.
      const low = (s: WriteSeries) => s.labels.le !== undefined && s.labels.le !== "+Inf" && Number(s.labels.le) < 0.1;
      return [all.filter(low), all.filter((s) => !low(s))] as const;
    };
    // The first scrape in order: a series' first point sets its layout (see the README on first points).
    const [a0, b0] = scrape(0);
    await post(0, a0);
    await post(1, b0);
    for (let k = 1; k < ok.length; k++) {
      const [a, b] = scrape(k);
      const [prevA, prevB] = scrape(k - 1);
      // Both shards at once on different paths, and a retry of the previous scrape's shards (a new body, the same samples).
      await Promise.all([post(k % 2, a), post((k + 1) % 2, b), post(k % 2, [...prevB, ...prevA])]);
      // A shard resent alone, after it was folded.
      await post(1, a);
    }
    const read = await latencySeries(e.member, e.key, latencyQuerySchema.parse({ from: new Date(T0_MS).toISOString(), to: new Date(T0_MS + 4 * 60_000).toISOString(), step: "1m" }));
    expect(read.series.map((m) => [m.count, m.errors])).toEqual([
      [0, 0],
      [3 + 1, 1],
      [2 + 1, 1],
      [3 + 1, 1],
    ]);
    const staged = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM remote_write_staging WHERE shape->'resource'->>'service.name' = ${e.a}`;
    expect(Number(staged[0]!.n)).toBe(0);
}

describe("classic histograms sharded across requests", () => {
  it("count every call once through two ingestion paths at once, with shards retried", async () => {
    await scenario((e, path, series) => paths[path]!(new NextRequest("http://localhost/api/v1/write", { method: "POST", headers: { ...HEADERS, authorization: e.auth }, body: new Uint8Array(encodeWriteRequest(series)) })));
  }, 60_000);

  it("count every call once through two server processes over HTTP, with shards retried", async () => {
    const servers = await Promise.all([0, 1].map(() => startRemoteWriteServer(inject("databaseUrl"))));
    try {
      await scenario((e, path, series) => fetch(`${servers[path]!.url}/api/v1/write`, { method: "POST", headers: { ...HEADERS, authorization: e.auth }, body: new Uint8Array(encodeWriteRequest(series)) }));
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }, 120_000);
});
