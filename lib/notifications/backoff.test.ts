import { describe, expect, it } from "vitest";
import { prng } from "@/lib/random";
import { DEFAULT_RETRY_POLICY, delayFor, expectedSpanMs, retryCeilingMs, retryDelayMs, type RetryPolicy } from "./backoff";
import type { AttemptOutcome } from "./types";

const policy: RetryPolicy = { maxAttempts: 6, baseMs: 1000, capMs: 10_000 };
const fixed = (x: number) => () => x;
const failed = (over: Partial<Extract<AttemptOutcome, { ok: false }>> = {}): AttemptOutcome => ({
  ok: false,
  retry: true,
  status: 503,
  error: "HTTP 503",
  durationMs: 5,
  retryAfterMs: null,
  ...over,
});

describe("retry ceilings (base·2^(n−1), capped)", () => {
  it.each([
    [0, 1000], // before any attempt: treated as the first wait
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [6, 10_000],
    [60, 10_000], // 2^59 · 1000 would lose precision; the cap keeps it exact
    [2000, 10_000], // 2^1999 is Infinity; still the cap
  ])("after %i attempts the ceiling is %i ms", (made, ceiling) => {
    expect(retryCeilingMs(made, policy)).toBe(ceiling);
  });
  it("never decreases and never exceeds the cap", () => {
    let previous = 0;
    for (let made = 1; made <= 40; made++) {
      const c = retryCeilingMs(made, DEFAULT_RETRY_POLICY);
      expect(c).toBeGreaterThanOrEqual(previous);
      expect(c).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.capMs);
      previous = c;
    }
  });
});

describe("full jitter", () => {
  it.each([
    [0, 3, 0],
    [0.5, 3, 2000],
    [0.999999, 3, 3999],
    [0.25, 9, 2500],
  ])("random %s after %i attempts waits %i ms", (r, made, delay) => {
    expect(retryDelayMs(made, policy, fixed(r))).toBe(delay);
  });
  it("draws uniformly below the ceiling: 20,000 seeded draws stay in [0, ceiling) with mean ≈ ceiling/2", () => {
    const random = prng(14);
    for (const made of [1, 2, 3, 4, 5, 8]) {
      const ceiling = retryCeilingMs(made, policy);
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < 20_000; i++) {
        const d = retryDelayMs(made, policy, random);
        sum += d;
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThan(ceiling);
      // Standard error of the mean of U(0, c) over 20,000 draws is c/√12/√20000 ≈ 0.002·c.
      expect(Math.abs(sum / 20_000 / ceiling - 0.5)).toBeLessThan(0.01);
      expect(max / ceiling).toBeGreaterThan(0.99);
    }
  });
  it("is reproducible from a seed", () => {
    const a = prng(7);
    const b = prng(7);
    const first = [1, 2, 3, 4].map((m) => retryDelayMs(m, DEFAULT_RETRY_POLICY, a));
    expect([1, 2, 3, 4].map((m) => retryDelayMs(m, DEFAULT_RETRY_POLICY, b))).toEqual(first);
  });
});

describe("the default policy", () => {
  it("is 8 attempts, 1 min base, 1 h cap: ceilings 1, 2, 4, 8, 16, 32, 60 min", () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(8);
    expect([1, 2, 3, 4, 5, 6, 7].map((m) => retryCeilingMs(m, DEFAULT_RETRY_POLICY) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60]);
  });
  it("spans about an hour in expectation (123 min of ceilings / 2 = 61.5 min)", () => {
    expect(expectedSpanMs(DEFAULT_RETRY_POLICY)).toBe(61.5 * 60_000);
  });
  it("agrees with a seeded simulation of 5,000 deliveries that always fail", () => {
    const random = prng(2026);
    let total = 0;
    for (let run = 0; run < 5000; run++) {
      let made = 1;
      let delay: number | null;
      while ((delay = delayFor(failed(), made, DEFAULT_RETRY_POLICY, random)) !== null) {
        total += delay;
        made++;
      }
      expect(made).toBe(8);
    }
    expect(total / 5000 / 60_000).toBeGreaterThan(58);
    expect(total / 5000 / 60_000).toBeLessThan(65);
  });
});

describe("delayFor", () => {
  const half = fixed(0.5);
  it.each<[string, AttemptOutcome, number, number | null]>([
    ["success: no retry", { ok: true, status: 200, durationMs: 3 }, 1, null],
    ["a 410 is permanent", failed({ retry: false, status: 410 }), 1, null],
    ["a 503 after 1 attempt waits half the first ceiling", failed(), 1, 500],
    ["a 503 after 3 attempts", failed(), 3, 2000],
    ["attempts used up: dead letter", failed(), 6, null],
    ["past the limit too", failed(), 9, null],
    ["Retry-After above the jitter is the floor", failed({ status: 429, retryAfterMs: 7000 }), 1, 7000],
    ["Retry-After below the jitter: the jitter wins", failed({ status: 429, retryAfterMs: 100 }), 4, 4000],
    ["Retry-After beyond the cap is capped", failed({ status: 429, retryAfterMs: 86_400_000 }), 1, 10_000],
    ["a date in the past (negative) is treated as now", failed({ status: 503, retryAfterMs: -5000 }), 1, 500],
    ["Retry-After on the last attempt changes nothing", failed({ status: 429, retryAfterMs: 1000 }), 6, null],
  ])("%s", (_name, outcome, made, expected) => {
    expect(delayFor(outcome, made, policy, half)).toBe(expected);
  });
});
