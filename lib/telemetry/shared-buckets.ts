// Per-token ingestion rate limits shared by every server instance: each bucket is a row of
// rate_buckets, refilled and debited by one atomic upsert on the database's clock, so N instances
// together admit the documented rate, not N times it. An in-process bound answers 429 without a
// round trip while a token is known to be empty. A busy token's instance debits a few tokens at
// once (a lease: LEASE_S of the rate, at least 1) and spends them without a round trip: they are
// debited already, so the instances still admit no more than the rate together; a lease unspent
// after LEASE_TTL_MS is dropped, which only admits less.
import "server-only";
import { db } from "@/lib/db/client";
import { retryAfterS, TokenBuckets, type Admission, type RateLimiter } from "./overload";

/** A lease is this many seconds of the rate: 25 tokens at the default 500/s, 1 at rates under 20/s. */
export const LEASE_S = 0.05;
export const LEASE_TTL_MS = 1000;

export class SharedTokenBuckets implements RateLimiter {
  private readonly leases = new Map<string, { tokens: number; untilMs: number }>();
  private readonly leaseSize: number;

  /**
   * An upper bound on each shared bucket: it is set to the level the database answered, and only
   * refills after that, so whenever it holds less than one token the shared bucket does too.
   */
  private readonly bound: TokenBuckets;

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    /** Namespaces the keys, so other limits can share the table. */
    private readonly scope: string,
  ) {
    this.bound = new TokenBuckets(ratePerS, burst);
    this.leaseSize = Math.max(1, Math.min(burst, Math.floor(ratePerS * LEASE_S)));
  }

  private prunedAtMs = Date.now();

  /**
   * Deletes this limit's rows idle long enough to have refilled to the burst: that changes no
   * answer, since a missing row starts full. Best effort, at most once a minute per instance.
   */
  prune(now = new Date()): Promise<number> {
    this.prunedAtMs = now.getTime();
    const fullAfterMs = Math.ceil((this.burst / this.ratePerS) * 1000);
    return db().$executeRaw`DELETE FROM rate_buckets WHERE key LIKE ${`${this.scope}:%`} AND refilled_at < ${new Date(now.getTime() - fullAfterMs)}`;
  }

  async take(key: string): Promise<Admission> {
    const lease = this.leases.get(key);
    if (lease) {
      if (lease.tokens >= 1 && Date.now() < lease.untilMs) {
        lease.tokens -= 1;
        return { ok: true };
      }
      this.leases.delete(key);
    }
    const local = this.bound.level(key);
    if (local < 1) return { ok: false, retryAfterS: retryAfterS(local, this.ratePerS) };
    // The grant: up to a lease of whole tokens from the refilled level, none when under one token.
    const grant = this.leaseSize;
    const [row] = await db().$queryRaw<{ tokens: number; admitted: boolean; granted: number }[]>`
      INSERT INTO rate_buckets AS b (key, tokens, admitted, granted, refilled_at)
      VALUES (${`${this.scope}:${key}`}, ${this.burst - grant}::float8, TRUE, ${grant}::int, clock_timestamp())
      ON CONFLICT (key) DO UPDATE SET (tokens, admitted, granted, refilled_at) = (
        SELECT s.level - g.n, g.n > 0, g.n, GREATEST(b.refilled_at, EXCLUDED.refilled_at)
        FROM (SELECT LEAST(${this.burst}::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED.refilled_at - b.refilled_at)::float8) * ${this.ratePerS}::float8) AS level) s,
        LATERAL (SELECT LEAST(${grant}::float8, floor(s.level))::int AS n) g
      )
      RETURNING tokens, admitted, granted`;
    if (!row) throw new Error("rate_buckets upsert returned no row");
    this.bound.settle(key, row.tokens);
    if (row.admitted && row.granted > 1) {
      if (this.leases.size >= 10_000) this.leases.clear(); // only admits less: the leases were debited
      // Added to what concurrent takes of this key leased meanwhile, which is debited too.
      const nowMs = Date.now();
      const held = this.leases.get(key);
      const kept = held && nowMs < held.untilMs ? held.tokens : 0;
      this.leases.set(key, { tokens: kept + row.granted - 1, untilMs: nowMs + LEASE_TTL_MS });
    }
    if (Date.now() - this.prunedAtMs > 60_000) void this.prune().catch(() => undefined);
    return row.admitted ? { ok: true } : { ok: false, retryAfterS: retryAfterS(row.tokens, this.ratePerS) };
  }
}

