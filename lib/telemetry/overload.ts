// Load shedding for ingestion (pure): a cap on requests in flight, and a token bucket per API token.
// Both answer "not now, retry after n seconds" instead of queueing work the server cannot keep up with.

export type Admission = { ok: true } | { ok: false; retryAfterS: number };

/** A per-key rate limit: in memory (this file) or shared by every instance (shared-buckets.ts). */
export interface RateLimiter {
  take(key: string): Admission | Promise<Admission>;
}

/** Whole seconds until a bucket holding `tokens` (< 1) has one again at `ratePerS`; at least 1. */
export function retryAfterS(tokens: number, ratePerS: number): number {
  return Math.max(1, Math.ceil((1 - tokens) / ratePerS));
}

/** At most `limit` requests at once in this process; `enter` fails fast instead of queueing. */
export class ConcurrencyGate {
  private inFlight = 0;
  constructor(private readonly limit: number) {}

  enter(): Admission {
    if (this.inFlight >= this.limit) return { ok: false, retryAfterS: 1 };
    this.inFlight += 1;
    return { ok: true };
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  get active(): number {
    return this.inFlight;
  }
}

/**
 * One bucket per key holding up to `burst` requests, refilled at `ratePerS`. A key unseen for long
 * enough to refill completely is forgotten, so memory follows the active tokens only.
 */
export class TokenBuckets implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): Admission {
    const b = this.refilled(key);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterS: retryAfterS(b.tokens, this.ratePerS) };
  }

  /** The tokens `key` holds now, taking none. */
  level(key: string): number {
    return this.refilled(key).tokens;
  }

  /** Sets what `key` holds now (capped at the burst), e.g. to what a shared bucket answered. */
  settle(key: string, tokens: number): void {
    this.refilled(key).tokens = Math.min(this.burst, tokens);
  }

  private refilled(key: string): { tokens: number; atMs: number } {
    const nowMs = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, atMs: nowMs };
    b.tokens = Math.min(this.burst, b.tokens + ((nowMs - b.atMs) / 1000) * this.ratePerS);
    b.atMs = nowMs;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.forgetIdle(nowMs);
    return b;
  }

  private forgetIdle(nowMs: number) {
    const fullAfterMs = (this.burst / this.ratePerS) * 1000;
    for (const [key, b] of this.buckets) if (nowMs - b.atMs > fullAfterMs) this.buckets.delete(key);
  }
}
