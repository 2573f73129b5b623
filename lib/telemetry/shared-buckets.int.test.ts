// Per-token rate limits hold across instances (issue 19): two real server processes over one
// database together admit one token's burst, not one burst each; and the shared bucket refills at
// the rate, on the database's clock, up to the burst.
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { unique } from "@/scripts/test/factories";
import { remoteWriteToken } from "@/scripts/test/remote-write-estate";
import { startTestServer } from "@/scripts/test/remote-write-process";
import { SharedTokenBuckets } from "./shared-buckets";

const BURST = 6;
/** One token per 1000 s: nothing refills while the test runs. */
const LIMITS = { EDGEWISE_INGEST_RATE_PER_TOKEN: "0.001", EDGEWISE_INGEST_BURST_PER_TOKEN: String(BURST) };

const exportTraces = (url: string, token: string) =>
  fetch(`${url}/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ resourceSpans: [] }) });

describe("rate limits shared across instances", () => {
  it("two server processes together admit one token's burst, then answer 429 with Retry-After", async () => {
    const servers = await Promise.all([0, 1].map(() => startTestServer("scripts/test/ingest-server.ts", inject("databaseUrl"), [], LIMITS)));
    try {
      const [a, b] = servers.map((s) => s.url) as [string, string];
      // Alternating, one at a time: each process sees 5 requests, under a burst of its own were the limit per process.
      const token = await remoteWriteToken(["telemetry:write"]);
      const answers = [];
      for (let i = 0; i < 10; i++) answers.push(await exportTraces(i % 2 ? b : a, token));
      expect(answers.map((r) => r.status)).toEqual([...Array<number>(BURST).fill(200), 429, 429, 429, 429]);
      for (const r of answers.slice(BURST)) {
        const retryAfterS = Number(r.headers.get("retry-after"));
        expect(retryAfterS).toBeGreaterThanOrEqual(990); // (1 − ~0 tokens) ÷ 0.001/s, rounded up
        expect(retryAfterS).toBeLessThanOrEqual(1000);
      }
      // The same bucket is behind remote write (the limit is checked before the body is read).
      const write = await fetch(`${b}/api/v1/write`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/x-protobuf", "content-encoding": "snappy" }, body: new Uint8Array(0) });
      expect(write.status).toBe(429);

      // All at once, spread over both: the upsert is atomic, so still exactly one burst.
      const other = await remoteWriteToken(["telemetry:write"]);
      const burst = await Promise.all(Array.from({ length: 16 }, (_, i) => exportTraces(i % 2 ? b : a, other)));
      const statuses = burst.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(BURST);
      expect(statuses.filter((s) => s === 429)).toHaveLength(16 - BURST);
      // Each token has its own bucket.
      expect((await exportTraces(a, await remoteWriteToken(["telemetry:write"]))).status).toBe(200);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }, 120_000);

  it("leases a busy token's instance a few tokens at a time, each lease debited from the shared bucket", async () => {
    const scope = unique("lease");
    const row = async () => (await db().$queryRaw<{ tokens: number; granted: number; refilled_at: Date }[]>`SELECT tokens, granted, refilled_at FROM rate_buckets WHERE key = ${`${scope}:t`}`)[0]!;
    const a = new SharedTokenBuckets(400, 50, scope); // a lease is 0.05 s of 400/s: 20 tokens
    expect(await a.take("t")).toEqual({ ok: true });
    const leased = await row();
    expect(leased).toMatchObject({ tokens: 30, granted: 20 });
    // The other 19 of the lease are spent in process: the row is not touched.
    for (let i = 0; i < 19; i++) expect(await a.take("t")).toEqual({ ok: true });
    expect(await row()).toEqual(leased);
    // Another instance leases from what is left (30, and what refilled since: never above the burst).
    expect(await new SharedTokenBuckets(400, 50, scope).take("t")).toEqual({ ok: true });
    const second = await row();
    expect(second.granted).toBe(20);
    expect(second.tokens).toBeGreaterThanOrEqual(10);
    expect(second.tokens).toBeLessThanOrEqual(30);
    // A's lease is spent: its next take goes to the row again.
    expect(await a.take("t")).toEqual({ ok: true });
    // It leases what is left, up to 20: the shared level never goes below 0.
    const third = await row();
    expect(third.granted).toBeGreaterThanOrEqual(Math.min(20, Math.floor(second.tokens)));
    expect(third.granted).toBeLessThanOrEqual(20);
    expect(third.tokens).toBeGreaterThanOrEqual(0);
    expect(third.refilled_at.getTime()).toBeGreaterThanOrEqual(second.refilled_at.getTime());
    expect(third.tokens).not.toBe(second.tokens);
  });

  it("keeps every lease that concurrent takes of one key debited", async () => {
    const scope = unique("leases");
    const limiter = new SharedTokenBuckets(400, 80, scope); // leases of 20: four of them empty the burst
    expect(await Promise.all([1, 2, 3, 4].map(() => limiter.take("t")))).toEqual(Array(4).fill({ ok: true }));
    const [after] = await db().$queryRaw<{ tokens: number; refilled_at: Date }[]>`SELECT tokens, refilled_at FROM rate_buckets WHERE key = ${`${scope}:t`}`;
    // The other 4 × 19 debited tokens are all spent in process, with no round trip.
    for (let i = 0; i < 76; i++) expect(await limiter.take("t")).toEqual({ ok: true });
    expect(await db().$queryRaw`SELECT tokens, refilled_at FROM rate_buckets WHERE key = ${`${scope}:t`}`).toEqual([after]);
  });

  it("refills at the rate up to the burst, as every instance sees it", async () => {
    const scope = unique("refill");
    const backdate = (seconds: number) => db().$executeRaw`UPDATE rate_buckets SET refilled_at = refilled_at - make_interval(secs => ${seconds}) WHERE key = ${`${scope}:t`}`;
    const takes = async (limiter: SharedTokenBuckets, n: number) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push(await limiter.take("t"));
      return out;
    };
    const first = new SharedTokenBuckets(1, 3, scope); // 1/s, bursts of 3
    expect(await takes(first, 4)).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: false, retryAfterS: 1 }]);
    await backdate(2); // two seconds pass: two tokens
    // The instance that saw the bucket empty still knows it empty (its clock has not moved): no round trip.
    expect(await first.take("t")).toEqual({ ok: false, retryAfterS: 1 });
    expect(await takes(new SharedTokenBuckets(1, 3, scope), 3)).toEqual([{ ok: true }, { ok: true }, { ok: false, retryAfterS: 1 }]);
    await backdate(60); // a minute: full again, never above the burst
    expect(await takes(new SharedTokenBuckets(1, 3, scope), 4)).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: false, retryAfterS: 1 }]);
    // A row idle long enough to be full changes nothing when pruned, so it is pruned.
    await backdate(10);
    expect(await first.prune()).toBeGreaterThanOrEqual(1);
    expect(await db().$queryRaw<unknown[]>`SELECT 1 FROM rate_buckets WHERE key = ${`${scope}:t`}`).toHaveLength(0);
  });
});
