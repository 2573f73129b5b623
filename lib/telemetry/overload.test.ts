import { describe, expect, it } from "vitest";
import { ConcurrencyGate, retryAfterS, TokenBuckets } from "./overload";

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

describe("TokenBuckets as a bound on a shared bucket", () => {
  it("reports a level without taking, and refills from a settled level", () => {
    let now = 0;
    const bound = new TokenBuckets(2, 3, () => now);
    expect([bound.level("a"), bound.level("a")]).toEqual([3, 3]); // an unseen key is full; looking takes nothing
    bound.settle("a", 0.25); // what the database answered after other instances took the rest
    expect(bound.level("a")).toBe(0.25);
    expect(bound.take("a")).toEqual({ ok: false, retryAfterS: 1 });
    now = 375; // 0.75 s × 2/s = 0.75 more: exactly one token
    expect(bound.level("a")).toBe(1);
    bound.settle("a", 99);
    expect(bound.level("a")).toBe(3); // never above the burst
  });
});

describe("retryAfterS", () => {
  it.each([
    [0, 2, 1], // half a second, rounded up to one
    [0.9, 0.1, 1],
    [0, 0.1, 10],
    [-0.5, 0.5, 3], // a debt of half a token: 1.5 tokens at 0.5/s
    [0.5, 0.001, 500],
  ])("tokens %d at %d/s → %d s", (tokens, rate, expected) => {
    expect(retryAfterS(tokens, rate)).toBe(expected);
  });
});
