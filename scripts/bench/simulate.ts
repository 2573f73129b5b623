// The journey what-if's speed: 100,000 requests through a 6-step journey (observed histograms,
// timeouts, retries with jitter, a breaker, a fallback and one async step), timed over a few runs.
import { simulateJourney } from "@/lib/governance/simulate/engine";
import type { SimStep } from "@/lib/governance/simulate/model";
import { emptyHistogram, record } from "@/lib/telemetry/histogram";
import { inverseNormal } from "@/lib/governance/simulate/distribution";
import { prng } from "@/lib/random";

function histogram(p50Ms: number, sigma: number, seed: number) {
  const h = emptyHistogram();
  const rand = prng(seed);
  for (let i = 0; i < 20_000; i++) record(h, p50Ms * Math.exp(sigma * inverseNormal(rand())));
  return h;
}

export async function run() {
  const requests = Number(process.env.BENCH_REQUESTS ?? 100_000);
  const retries = { maxAttempts: 3, backoff: "exponential" as const, baseDelayMs: 20, maxDelayMs: 200, jitter: true };
  const steps: SimStep[] = [20, 45, 8, 120, 30, 60].map((p50, i) => ({
    integration: `bench-${i}->next:call`,
    style: i === 4 ? "async-event" : "sync",
    budgetP99Ms: p50 * 4,
    source: "observed",
    latency: { kind: "histogram", histogram: histogram(p50, 0.4 + i * 0.1, i + 1) },
    latencyScale: 1,
    latencyShiftMs: 0,
    errorRatePercent: 0.5 + i,
    timeoutMs: p50 * 3,
    retries: i % 2 === 0 ? retries : null,
    circuitBreaker: i === 3 ? { failureRatePercent: 50, minimumCalls: 20, openMs: 5000 } : null,
    fallback: i === 3 ? { latencyMs: 1 } : null,
  }));
  const journey = { budgetP99Ms: 800, steps };
  simulateJourney(journey, { requests: 10_000, seed: 0 }); // warm-up (JIT)
  const runs: number[] = [];
  let last = simulateJourney(journey, { requests, seed: 1 });
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    last = simulateJourney(journey, { requests, seed: i + 1 });
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const figures = {
    requests,
    steps: steps.length,
    medianMs: Math.round(runs[2]! * 10) / 10,
    bestMs: Math.round(runs[0]! * 10) / 10,
    worstMs: Math.round(runs[4]! * 10) / 10,
    requestsPerSec: Math.round(requests / (runs[2]! / 1000)),
    result: { p50Ms: last.p50Ms, p99Ms: last.p99Ms, errorRatePercent: last.errorRatePercent, retryAmplification: last.retryAmplification },
  };
  console.log(`simulate: ${requests} requests × ${steps.length} steps — median ${figures.medianMs} ms (best ${figures.bestMs}, worst ${figures.worstMs}), ${figures.requestsPerSec} requests/s`);
  return figures;
}
