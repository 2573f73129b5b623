import { describe, expect, it } from "vitest";
import { ConcurrencyGate, TokenBuckets } from "./overload";

describe("ConcurrencyGate", () => {
  it("admits up to its limit and again once a request leaves", () => {
    const gate = new ConcurrencyGate(2);
    expect([gate.enter(), gate.enter(), gate.enter()]).toEqual([{ ok: true }, { ok: true }, { ok: false, retryAfterS: 1 }]);
    gate.leave();
    expect(gate.enter()).toEqual({ ok: true });
    expect(gate.active).toBe(2);
  });
});

describe("TokenBuckets", () => {
  it("allows a burst, then the rate, per key, and says when to retry", () => {
    let now = 0;
    const buckets = new TokenBuckets(2, 3, () => now); // 2/s, bursts of 3
    expect([1, 2, 3].map(() => buckets.take("a").ok)).toEqual([true, true, true]);
    expect(buckets.take("a")).toEqual({ ok: false, retryAfterS: 1 });
    expect(buckets.take("b").ok).toBe(true); // another token has its own bucket
    now = 500; // half a second: one request's worth
    expect([buckets.take("a").ok, buckets.take("a").ok]).toEqual([true, false]);
    now = 60_000; // refills to the burst, never beyond
    expect([1, 2, 3, 4].map(() => buckets.take("a").ok)).toEqual([true, true, true, false]);
  });

  it("rounds Retry-After up to whole seconds at slow rates", () => {
    const buckets = new TokenBuckets(0.1, 1, () => 0);
    expect(buckets.take("a").ok).toBe(true);
    expect(buckets.take("a")).toEqual({ ok: false, retryAfterS: 10 });
  });
});
