// Retry grouping and the retry and throttling maths, with figures worked out by hand: attempts of
// one logical call arriving in several batches, in any order, make one call, counted once.
import { describe, expect, it } from "vitest";
import { foldSpans } from "./fold";
import type { DecodedSpan } from "./otlp-json";
import { addAttemptCounts, amplification, applyAttempts, attemptsOf, callKeyOf, isThrottled, resendCountOf, retryFigures, throttledShare, type Attempt, type CallState } from "./retries";

const M = 1_740_000_000_000; // a whole minute, ms
const attempt = (call: string, startMs: number, resendCount: number | null = null): Attempt => ({ callKey: call, seriesKey: "ip-1", startMs, resendCount });

/** Runs batches one after another the way the store does: each sees the states the earlier ones left. */
function runBatches(batches: Attempt[][]) {
  const stored = new Map<string, CallState>();
  let perMinute: Record<number, Record<string, number>> = {};
  for (const batch of batches) {
    const touched = new Map([...new Set(batch.map((a) => a.callKey))].filter((k) => stored.has(k)).map((k) => [k, stored.get(k)!]));
    const { states, deltas } = applyAttempts(touched, batch);
    for (const [k, s] of states) stored.set(k, s);
    for (const d of deltas) perMinute = { ...perMinute, [d.startMs]: addAttemptCounts(perMinute[d.startMs] ?? {}, d.attemptCounts) };
  }
  return perMinute;
}

describe("applyAttempts", () => {
  it("groups the attempts of one call in one batch", () => {
    expect(runBatches([[attempt("a", M + 1000), attempt("a", M + 2000), attempt("a", M + 3000), attempt("b", M + 5000)]])).toEqual({ [M]: { "3": 1, "1": 1 } });
  });

  it.each([
    ["in order", [[attempt("a", M + 10_000)], [attempt("a", M + 20_000)], [attempt("a", M + 30_000)]]],
    ["retries first", [[attempt("a", M + 30_000)], [attempt("a", M + 20_000)], [attempt("a", M + 10_000)]]],
    ["two in the last batch", [[attempt("a", M + 20_000)], [attempt("a", M + 10_000), attempt("a", M + 30_000)]]],
  ])("counts a call seen across batches once, whatever the order (%s)", (_, batches) => {
    expect(runBatches(batches)).toEqual({ [M]: { "3": 1 } });
  });

  it("moves a call to the minute of its earliest attempt when that arrives late, leaving nothing in the old minute", () => {
    // The retry (next minute) arrives first; the first attempt, a minute earlier, in a later batch.
    const perMinute = runBatches([[attempt("a", M + 60_000 + 5_000)], [attempt("a", M + 55_000)], [attempt("b", M + 61_000)]]);
    expect(perMinute).toEqual({ [M]: { "2": 1 }, [M + 60_000]: { "1": 1 } });
  });

  it("takes http.request.resend_count as proof of attempts not seen", () => {
    // Only the third attempt's span reached us (resend_count 2): the call had 3 attempts.
    expect(runBatches([[attempt("a", M, 2)]])).toEqual({ [M]: { "3": 1 } });
    // All three seen, numbered 0..2, in two batches: still 3, not 3 + 2.
    expect(runBatches([[attempt("a", M + 2000, 2)], [attempt("a", M, null), attempt("a", M + 1000, 1)]])).toEqual({ [M]: { "3": 1 } });
  });

  it("returns the states to store", () => {
    const { states } = applyAttempts(new Map([["a", { seriesKey: "ip-1", minuteMs: M + 60_000, spans: 1, maxResend: -1 }]]), [attempt("a", M + 3000, 1)]);
    expect(states.get("a")).toEqual({ seriesKey: "ip-1", minuteMs: M, spans: 2, maxResend: 1 });
    expect(attemptsOf(states.get("a")!)).toBe(2);
  });
});

describe("callKeyOf", () => {
  const base = { traceId: "t1", parentSpanId: "p1", spanId: "s1", name: "GET /stock" };
  it("is one call per trace, parent, series and operation", () => {
    expect(callKeyOf("ip-1", base)).toBe(callKeyOf("ip-1", { ...base, spanId: "s2" }));
    for (const other of [{ ...base, traceId: "t2" }, { ...base, parentSpanId: "p2" }, { ...base, name: "POST /stock" }]) expect(callKeyOf("ip-1", other)).not.toBe(callKeyOf("ip-1", base));
    expect(callKeyOf("ip-2", base)).not.toBe(callKeyOf("ip-1", base));
  });
  it("makes a parentless span a call of its own", () => {
    expect(callKeyOf("ip-1", { ...base, parentSpanId: null })).not.toBe(callKeyOf("ip-1", { ...base, parentSpanId: null, spanId: "s2" }));
  });
});

describe("retry maths", () => {
  it.each([
    [{}, { logicalCalls: 0, attempts: 0, maxAttempts: 0 }, null],
    [{ "1": 10 }, { logicalCalls: 10, attempts: 10, maxAttempts: 1 }, 1],
    [{ "1": 6, "2": 2, "4": 2 }, { logicalCalls: 10, attempts: 6 + 4 + 8, maxAttempts: 4 }, 1.8],
  ])("figures of %j", (counts, figures, amp) => {
    expect(retryFigures(counts)).toEqual(figures);
    expect(amplification(retryFigures(counts))).toBe(amp);
  });
  it("adds attempt counts and drops keys that reach 0", () => {
    expect(addAttemptCounts({ "1": 3, "2": 1 }, { "2": -1, "3": 1 })).toEqual({ "1": 3, "3": 1 });
  });
  it("throttled share", () => {
    expect(throttledShare(3, 200)).toBe(0.015);
    expect(throttledShare(0, 0)).toBeNull();
  });
});

describe("isThrottled", () => {
  it.each([
    [{ "http.response.status_code": 429 }, true],
    [{ "http.response.status_code": 503 }, true],
    [{ "http.response.status_code": 500 }, false],
    [{ "http.status_code": 429 }, true],
    [{ "http.status_code": "503" }, true],
    [{ "rpc.grpc.status_code": 8 }, true],
    [{ "rpc.grpc.status_code": 14 }, true],
    [{ "rpc.grpc.status_code": 2 }, false],
    [{ "rpc.response.status_code": "RESOURCE_EXHAUSTED" }, true],
    [{ "rpc.response.status_code": "NOT_FOUND" }, false],
    [{ "rpc.status_code": "UNAVAILABLE" }, true],
    [{ "rpc.status_code": "OK" }, false],
    [{}, false],
  ])("%j → %s", (attributes, throttled) => expect(isThrottled(attributes)).toBe(throttled));

  it("reads resend_count only as a small non-negative integer", () => {
    expect([resendCountOf({ "http.request.resend_count": 2 }), resendCountOf({ "http.request.resend_count": -1 }), resendCountOf({ "http.request.resend_count": 1.5 }), resendCountOf({})]).toEqual([2, null, null, null]);
  });
});

describe("foldSpans' attempts", () => {
  const T = BigInt(M) * 1_000_000n;
  const client = (spanId: string, parentSpanId: string | null, offsetMs: number, attributes: DecodedSpan["attributes"] = {}): DecodedSpan => ({
    traceId: "a".repeat(32), spanId: spanId.padStart(16, "0"), parentSpanId, name: "GET /stock", kind: "client", serviceName: "checkout",
    startUnixNano: T + BigInt(offsetMs) * 1_000_000n, durationMs: 3, error: false, attributes: { "peer.service": "inventory", ...attributes }, links: [],
  });

  it("counts a span without a parent as a call of its own in the batch, leaving only spans with a parent to group with stored calls", () => {
    const folded = foldSpans([client("1", null, 1000), client("2", null, 2000, { "http.request.resend_count": 2 }), client("3", "p1", 3000), client("4", "p1", 4000)], []);
    expect(folded.buckets).toHaveLength(1);
    // The two parentless calls are final: 1 attempt, and 3 by its resend_count; the parented pair waits for the store.
    expect(folded.buckets[0]).toMatchObject({ count: 4, attemptCounts: { "1": 1, "3": 1 } });
    expect(folded.attempts.map((a) => a.startMs - M)).toEqual([3000, 4000]);
    expect(new Set(folded.attempts.map((a) => a.callKey)).size).toBe(1);
  });

  it("takes the same parentless span sent twice for one call of two attempts, in the minute of the earlier", () => {
    // Listed later minute first: the call still lands in the earlier one, which gets no count of its own otherwise.
    const folded = foldSpans([client("9", null, 61_000), client("9", null, 1000), client("8", null, 62_000, { "http.request.resend_count": 1 })], []);
    expect(folded.buckets.map((b) => [b.startMs - M, b.count, b.attemptCounts])).toEqual([
      [0, 1, { "2": 1 }],
      [60_000, 2, { "2": 1 }],
    ]);
    expect(folded.attempts).toEqual([]);
  });
});
