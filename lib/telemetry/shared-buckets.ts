// Per-token ingestion rate limits shared by every server instance: each bucket is a row of
// rate_buckets, refilled and debited by one atomic upsert on the database's clock, so N instances
// together admit the documented rate, not N times it. An in-process bound answers 429 without a
// round trip while a token is known to be empty.
import "server-only";
import { db } from "@/lib/db/client";
import { retryAfterS, TokenBuckets, type Admission, type RateLimiter } from "./overload";

export class SharedTokenBuckets implements RateLimiter {
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
    const local = this.bound.level(key);
    if (local < 1) return { ok: false, retryAfterS: retryAfterS(local, this.ratePerS) };
    const [row] = await db().$queryRaw<{ tokens: number; admitted: boolean }[]>`
      INSERT INTO rate_buckets AS b (key, tokens, admitted, refilled_at)
      VALUES (${`${this.scope}:${key}`}, ${this.burst - 1}::float8, TRUE, clock_timestamp())
      ON CONFLICT (key) DO UPDATE SET (tokens, admitted, refilled_at) = (
        SELECT s.level - CASE WHEN s.level >= 1 THEN 1 ELSE 0 END, s.level >= 1, GREATEST(b.refilled_at, EXCLUDED.refilled_at)
        FROM (SELECT LEAST(${this.burst}::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED.refilled_at - b.refilled_at)::float8) * ${this.ratePerS}::float8) AS level) s
      )
      RETURNING tokens, admitted`;
    if (!row) throw new Error("rate_buckets upsert returned no row");
    this.bound.settle(key, row.tokens);
    if (Date.now() - this.prunedAtMs > 60_000) void this.prune().catch(() => undefined);
    return row.admitted ? { ok: true } : { ok: false, retryAfterS: retryAfterS(row.tokens, this.ratePerS) };
  }
}

