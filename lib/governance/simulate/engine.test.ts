import { describe, expect, it } from "vitest";
import { emptyHistogram, quantile, record } from "@/lib/telemetry/histogram";
import { prng, uniformAt } from "@/lib/random";
import { fitLognormal, inverseNormal, type LatencySource } from "./distribution";
import { simulateJourney } from "./engine";
import { applyScenario, type SimJourney, type SimStep } from "./model";

function step(integration: string, latency: LatencySource, over: Partial<SimStep> = {}): SimStep {
  return {
    integration,
    style: "sync",
    budgetP99Ms: 1000,
    source: "observed",
    latency,
    latencyScale: 1,
    latencyShiftMs: 0,
    errorRatePercent: 0,
    timeoutMs: null,
    retries: null,
    circuitBreaker: null,
    fallback: null,
    ...over,
  };
}
const constant = (ms: number): LatencySource => ({ kind: "constant", ms });
const journey = (steps: SimStep[], budgetP99Ms = 1000): SimJourney => ({ budgetP99Ms, steps });

/** A histogram of n lognormal observations, as ingestion would have folded them. */
function lognormalHistogram(n: number, mu: number, sigma: number, seed: number) {
  const h = emptyHistogram();
  const rand = prng(seed);
  for (let i = 0; i < n; i++) record(h, Math.exp(mu + sigma * inverseNormal(rand())));
  return h;
}

describe("uniformAt", () => {
  it("is the n-th draw of the same seeded stream", () => {
    const rand = prng(42);
    for (let n = 0; n < 100; n++) expect(uniformAt(42, n)).toBe(rand());
  });
});

describe("simulateJourney", () => {
  it.each([
    { name: "fast and tight", mu: Math.log(20), sigma: 0.3 },
    { name: "slow and wide", mu: Math.log(150), sigma: 0.9 },
    { name: "heavy tail", mu: Math.log(40), sigma: 1.5 },
  ])("one step without resilience reproduces its histogram's percentiles within 1 % ($name)", ({ mu, sigma }) => {
    const h = lognormalHistogram(50_000, mu, sigma, 7);
    const result = simulateJourney(journey([step("a->b:x", { kind: "histogram", histogram: h })]), { requests: 100_000, seed: 3 });
    for (const [q, got] of [
      [0.5, result.p50Ms],
      [0.95, result.p95Ms],
      [0.99, result.p99Ms],
    ] as const) {
      const want = quantile(h, q)!;
      expect(Math.abs(got - want) / want).toBeLessThan(0.01);
    }
    expect(result.errorRatePercent).toBe(0);
    expect(result.retryAmplification).toBe(1);
  });

  it("a declared lognormal reproduces the declared p50 and p99 within 1 %", () => {
    const result = simulateJourney(journey([step("a->b:x", fitLognormal({ p50Ms: 100, p95Ms: null, p99Ms: 400 }), { source: "declared" })]), { requests: 100_000, seed: 5 });
    expect(Math.abs(result.p50Ms - 100) / 100).toBeLessThan(0.01);
    expect(Math.abs(result.p99Ms - 400) / 400).toBeLessThan(0.01);
    expect(result.steps[0]!.source).toBe("declared");
  });

  it("constant latencies add exactly, and the waterfall lays them end to end", () => {
    const result = simulateJourney(journey([step("a", constant(10)), step("b", constant(20.5)), step("c", constant(30))], 50), { requests: 1000, seed: 1 });
    expect([result.p50Ms, result.p95Ms, result.p99Ms]).toEqual([60.5, 60.5, 60.5]);
    expect(result.waterfall.steps.map((s) => s.offsetMs)).toEqual([0, 10, 30.5]);
    expect(result.waterfall.syncTotalMs).toBe(60.5);
    expect(result.withinBudget).toBe(false);
    expect(result.steps.map((s) => s.shareOfP99)).toEqual([0.165, 0.339, 0.496]);
  });

  it("scale and shift change every draw: 10 ms × 2 + 5 ms = 25 ms", () => {
    const result = simulateJourney(journey([step("a", constant(10), { latencyScale: 2, latencyShiftMs: 5 })]), { requests: 1000, seed: 1 });
    expect(result.p50Ms).toBe(25);
  });

  it.each([
    { backoff: "none" as const, baseDelayMs: null, want: 150 },
    { backoff: "fixed" as const, baseDelayMs: 10, want: 170 },
    { backoff: "exponential" as const, baseDelayMs: 10, want: 180 },
  ])("a timeout below every draw times out every request: retryAmplification = maxAttempts ($backoff backoff)", ({ backoff, baseDelayMs, want }) => {
    const retries = { maxAttempts: 3, backoff, baseDelayMs, maxDelayMs: 1000, jitter: false };
    const h = lognormalHistogram(5000, Math.log(100), 0.2, 11);
    const timeoutMs = h.minMs! / 2;
    const result = simulateJourney(journey([step("a", { kind: "histogram", histogram: h }, { timeoutMs, retries })]), { requests: 2000, seed: 9 });
    expect(result.timeoutRatePercent).toBe(100);
    expect(result.errorRatePercent).toBe(100);
    expect(result.retryAmplification).toBe(3);
    expect(result.callsPerRequest).toBe(3);
    expect(result.steps[0]!.timeouts).toBe(6000);
    expect(result.steps[0]!.retries).toBe(4000);
    // Three timeouts and the waits between them.
    const c = simulateJourney(journey([step("a", constant(100), { timeoutMs: 50, retries })]), { requests: 1000, seed: 9 });
    expect(c.p50Ms).toBe(want);
  });

  it("raising a timeout never raises the timeout rate (property over random journeys)", () => {
    const rand = prng(2024);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + Math.floor(rand() * 5);
      const steps = Array.from({ length: n }, (_, i) =>
        step(`s${i}`, { kind: "lognormal", mu: Math.log(5 + rand() * 200), sigma: 0.1 + rand() }, {
          style: rand() < 0.2 ? "async-event" : "sync",
          errorRatePercent: rand() * 20,
          timeoutMs: 10 + rand() * 300,
          retries: rand() < 0.6 ? { maxAttempts: 1 + Math.floor(rand() * 4), backoff: "exponential", baseDelayMs: 5, maxDelayMs: 100, jitter: rand() < 0.5 } : null,
          fallback: rand() < 0.3 ? { latencyMs: 1 } : null,
        }),
      );
      const lower = simulateJourney(journey(steps), { requests: 2000, seed: trial });
      const which = Math.floor(rand() * n);
      const factor = 1 + rand() * 3;
      const raised = steps.map((s, i) => (i === which || rand() < 0.3 ? { ...s, timeoutMs: s.timeoutMs! * factor } : s));
      const higher = simulateJourney(journey(raised), { requests: 2000, seed: trial });
      expect(higher.timeoutRatePercent, `trial ${trial}`).toBeLessThanOrEqual(lower.timeoutRatePercent);
    }
  });

  it("is deterministic for a seed, and another seed draws differently", () => {
    const steps = [step("a", fitLognormal({ p50Ms: 30, p95Ms: null, p99Ms: 120 }), { errorRatePercent: 2, timeoutMs: 80, retries: { maxAttempts: 2, backoff: "fixed", baseDelayMs: 10, maxDelayMs: 10, jitter: true } })];
    const a = simulateJourney(journey(steps), { requests: 5000, seed: 77 });
    const b = simulateJourney(journey(steps), { requests: 5000, seed: 77 });
    const c = simulateJourney(journey(steps), { requests: 5000, seed: 78 });
    expect(b).toEqual(a);
    expect(c.p99Ms).not.toBe(a.p99Ms);
  });

  it("a breaker opens from the simulated failure rate and serves the fallback while open", () => {
    // Every call fails: the window of 20 fills, the breaker opens for 1 s (50 arrivals at 50/s), then
    // counts afresh — 20 calls per 70 requests, every request answered by the fallback.
    const breaker = { failureRatePercent: 50, minimumCalls: 20, openMs: 1000 };
    const failing = step("a", constant(5), { errorRatePercent: 100, circuitBreaker: breaker, fallback: { latencyMs: 1 } });
    const result = simulateJourney(journey([failing]), { requests: 7000, seed: 1, arrivalsPerSecond: 50 });
    expect(result.steps[0]).toMatchObject({ calls: 2000, shortCircuited: 5000, fallbacks: 7000, failures: 0 });
    expect(result.fallbackRatePercent).toBe(100);
    expect(result.errorRatePercent).toBe(0);
    expect(result.p50Ms).toBe(1); // refused at once, answered by the fallback
    expect(result.p99Ms).toBe(6);
    // A healthy step never opens it; without a fallback, refused calls fail the request.
    expect(simulateJourney(journey([{ ...failing, errorRatePercent: 0 }]), { requests: 7000, seed: 1 }).steps[0]!.shortCircuited).toBe(0);
    const noFallback = simulateJourney(journey([{ ...failing, fallback: null }]), { requests: 7000, seed: 1, arrivalsPerSecond: 50 });
    expect(noFallback.errorRatePercent).toBe(100);
    expect(noFallback.steps[0]!.calls).toBe(2000);
  });

  it("a failed step without fallback ends the request; later steps are not called", () => {
    const result = simulateJourney(journey([step("a", constant(5), { errorRatePercent: 100 }), step("b", constant(7))]), { requests: 1000, seed: 1 });
    expect(result.errorRatePercent).toBe(100);
    expect(result.steps[1]!.calls).toBe(0);
    expect(result.p99Ms).toBe(5);
  });

  it("async steps leave the critical path and are held against their own delivery-lag budget", () => {
    const steps = [step("a", constant(10)), step("b", constant(500), { style: "async-event", budgetP99Ms: 400 }), step("c", constant(20))];
    const result = simulateJourney(journey(steps, 100), { requests: 1000, seed: 1 });
    expect(result.p99Ms).toBe(30);
    expect(result.steps[1]).toMatchObject({ synchronous: false, p99Ms: 500, withinBudget: false, calls: 0, shareOfP99: 0 });
    expect(result.withinBudget).toBe(false);
    expect(result.waterfall.steps.map((s) => s.offsetMs)).toEqual([0, 10, 10]);
    const relaxed = simulateJourney(journey([steps[0]!, { ...steps[1]!, budgetP99Ms: 600 }, steps[2]!], 100), { requests: 1000, seed: 1 });
    expect(relaxed.withinBudget).toBe(true);
  });

  it("a style change moves a step between the request path and the async side", () => {
    const base = journey([step("a", constant(10)), step("b", constant(200), { budgetP99Ms: 300 }), step("c", constant(20))], 100);
    const toAsync = applyScenario(base, [{ integration: "b", style: "async-event" }]);
    expect(toAsync.unknown).toEqual([]);
    const before = simulateJourney(base, { requests: 1000, seed: 1 });
    const after = simulateJourney(toAsync.journey, { requests: 1000, seed: 1 });
    expect(before.p99Ms).toBe(230);
    expect(after.p99Ms).toBe(30);
    expect(after.steps[1]).toMatchObject({ synchronous: false, p99Ms: 200, withinBudget: true });
    const back = applyScenario(toAsync.journey, [{ integration: "b", style: "hybrid" }]);
    expect(simulateJourney(back.journey, { requests: 1000, seed: 1 }).p99Ms).toBe(230);
  });
});

describe("applyScenario", () => {
  const base = journey([step("a", constant(10), { retries: { maxAttempts: 2, backoff: "fixed", baseDelayMs: 20, maxDelayMs: 20, jitter: false } })]);

  it("keeps what a change leaves out and reports integrations that are not steps", () => {
    const { journey: j, unknown } = applyScenario(base, [
      { integration: "a", retries: 4, timeoutMs: 50, fallback: true },
      { integration: "zz", latencyScale: 2 },
    ]);
    expect(unknown).toEqual(["zz"]);
    expect(j.steps[0]!.retries).toEqual({ maxAttempts: 4, backoff: "fixed", baseDelayMs: 20, maxDelayMs: 20, jitter: false });
    expect(j.steps[0]!.timeoutMs).toBe(50);
    expect(j.steps[0]!.fallback).toEqual({ latencyMs: 1 });
    expect(base.steps[0]!.timeoutMs).toBeNull();
  });

  it.each([
    { change: { retries: null }, field: "retries", want: null },
    { change: { fallback: { latencyMs: 12 } }, field: "fallback", want: { latencyMs: 12 } },
    { change: { fallback: false }, field: "fallback", want: null },
    { change: { errorRatePercent: 5 }, field: "errorRatePercent", want: 5 },
    { change: { circuitBreaker: { failureRatePercent: 50, minimumCalls: 10, openMs: 100 } }, field: "circuitBreaker", want: { failureRatePercent: 50, minimumCalls: 10, openMs: 100 } },
  ])("$field ← $change", ({ change, field, want }) => {
    const { journey: j } = applyScenario(base, [{ integration: "a", ...change }]);
    expect(j.steps[0]![field as keyof SimStep]).toEqual(want);
  });
});
