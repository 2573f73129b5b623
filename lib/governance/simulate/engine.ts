// The journey what-if (pure): many requests walk the journey's steps in order, each call drawing its
// latency and outcome from the step's distribution, with timeouts, retries (backoff and jitter), a
// circuit breaker that opens from the simulated failure rate, and a fallback. Asynchronous steps
// leave the request path and are held against their own delivery-lag budget instead.
//
// Journeys are flat ordered lists of steps (the model has no parallel groups), so the synchronous
// steps add up one after another. Every (request, step, attempt) has its own fixed uniforms, drawn
// by position from the seed: two scenarios meet the same luck, so their difference is the change's.
// First attempts are Latin-hypercube sampled (each step's requests cover the strata of [0, 1) once,
// in a seeded random order per step): a step's percentiles come out as observed, not ±1 % of noise.
import { MAX_RETRY_ATTEMPTS } from "@/lib/catalog/integration-schema";
import { prng, uniformAt } from "@/lib/random";
import { composeJourney, type Composition } from "../budget-math";
import { samplerOf } from "./distribution";
import { stepIsSynchronous, type SimJourney, type SimStep } from "./model";

export interface SimulateOptions {
  requests: number;
  seed: number;
  /** Request arrivals per second: only the breaker's open time depends on it. */
  arrivalsPerSecond?: number;
}

export interface StepResult {
  integration: string;
  synchronous: boolean;
  source: SimStep["source"];
  /** p99 of the time a request spent on this step (attempts, backoff, fallback); for async steps, of the delivery lag. */
  p99Ms: number;
  /** Share of the slowest 1 % of requests' time spent on this step (0 for async steps). */
  shareOfP99: number;
  calls: number;
  timeouts: number;
  retries: number;
  /** Logical calls that failed after every attempt and had no fallback. */
  failures: number;
  fallbacks: number;
  /** Calls the open breaker refused without trying. */
  shortCircuited: number;
  budgetP99Ms: number;
  withinBudget: boolean;
}

export interface SimulationResult {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errorRatePercent: number;
  /** Requests in which at least one call timed out (whether or not a retry or fallback recovered). */
  timeoutRatePercent: number;
  fallbackRatePercent: number;
  callsPerRequest: number;
  /** Calls made per logical call on the request path: 1 without retries, maxAttempts when every attempt fails. */
  retryAmplification: number;
  budgetP99Ms: number;
  /** The journey's p99 is within its budget and every async step's lag p99 within its own. */
  withinBudget: boolean;
  steps: StepResult[];
  /** Each step's simulated p99 laid end to end (as the budget composition does), against the journey budget. */
  waterfall: Composition;
  /** The end-to-end latency's quantiles, for the distribution chart. */
  distribution: { q: number; ms: number }[];
}

const DEFAULT_ARRIVALS_PER_SECOND = 50;
/** Uniforms per attempt: latency, error, backoff jitter. */
const DRAWS = 3;
export const DISTRIBUTION_QUANTILES = [0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999, 1];

/** Nearest rank over a sorted array's first n values: the value at rank ⌈q·n⌉. */
function rankOf(sorted: Float64Array, n: number, q: number): number {
  if (n === 0) return 0;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
}

/** A seeded random order of 0..n−1 (Fisher–Yates), one per step. */
function strata(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rand = prng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
const percent = (n: number, of: number) => (of === 0 ? 0 : round3((100 * n) / of));

/** The wait before attempt a + 1 (a from 0), as `totalBackoffMs` adds them up. */
function backoffMs(r: NonNullable<SimStep["retries"]>, a: number): number {
  const base = r.baseDelayMs ?? 0;
  const delay = r.backoff === "none" ? 0 : r.backoff === "fixed" ? base : base * 2 ** a;
  return r.maxDelayMs != null ? Math.min(delay, r.maxDelayMs) : delay;
}

export function simulateJourney(journey: SimJourney, options: SimulateOptions): SimulationResult {
  const R = Math.max(1, Math.floor(options.requests));
  const S = journey.steps.length;
  const seed = options.seed >>> 0;
  const msPerArrival = 1000 / (options.arrivalsPerSecond ?? DEFAULT_ARRIVALS_PER_SECOND);
  const steps = journey.steps;
  const sample = steps.map((s) => samplerOf(s.latency));
  const sync = steps.map(stepIsSynchronous);
  const orders = steps.map((_, s) => strata(R, (seed ^ Math.imul(s + 1, 0x9e3779b1)) >>> 0));

  const totals = new Float64Array(R);
  const stepTime = new Float64Array(R * S);
  const reached = new Uint8Array(R * S);
  const calls = new Float64Array(S);
  const timeouts = new Float64Array(S);
  const retries = new Float64Array(S);
  const failures = new Float64Array(S);
  const fallbacks = new Float64Array(S);
  const shortCircuited = new Float64Array(S);
  // The breaker's sliding window of the last minimumCalls outcomes, per step.
  const windows = steps.map((s) => new Uint8Array(s.circuitBreaker?.minimumCalls ?? 0));
  const windowFilled = new Float64Array(S);
  const windowPos = new Float64Array(S);
  const windowFailures = new Float64Array(S);
  const openUntil = new Float64Array(S).fill(-Infinity);

  let failedRequests = 0;
  let timedOutRequests = 0;
  let fallbackRequests = 0;
  let totalCalls = 0;
  let logicalCalls = 0;

  for (let r = 0; r < R; r++) {
    const arrivalMs = r * msPerArrival;
    let t = 0;
    let failed = false;
    let timedOut = false;
    let fellBack = false;
    for (let s = 0; s < S && !failed; s++) {
      const step = steps[s]!;
      const cell = r * S + s;
      reached[cell] = 1;
      const base = ((r * S + s) * MAX_RETRY_ATTEMPTS) * DRAWS;
      if (!sync[s]) {
        // Off the request path: one delivery whose lag is checked against the step's own budget.
        const u = (orders[s]![r]! + uniformAt(seed, base)) / R;
        stepTime[cell] = Math.max(0, sample[s]!(u) * step.latencyScale + step.latencyShiftMs);
        continue;
      }
      const start = t;
      const attempts = step.retries?.maxAttempts ?? 1;
      const errorShare = step.errorRatePercent / 100;
      const breaker = step.circuitBreaker;
      let ok = false;
      let madeCall = false;
      for (let a = 0; a < attempts; a++) {
        if (breaker) {
          const now = arrivalMs + t;
          if (now < openUntil[s]!) {
            shortCircuited[s]!++;
            break;
          }
        }
        if (!madeCall) {
          madeCall = true;
          logicalCalls++;
        }
        calls[s]!++;
        totalCalls++;
        const at = base + a * DRAWS;
        const u = a === 0 ? (orders[s]![r]! + uniformAt(seed, at)) / R : uniformAt(seed, at);
        const latency = Math.max(0, sample[s]!(u) * step.latencyScale + step.latencyShiftMs);
        let callFailed: boolean;
        if (step.timeoutMs != null && latency > step.timeoutMs) {
          t += step.timeoutMs;
          timeouts[s]!++;
          timedOut = true;
          callFailed = true;
        } else {
          t += latency;
          callFailed = uniformAt(seed, at + 1) < errorShare;
        }
        if (breaker) {
          const win = windows[s]!;
          const pos = windowPos[s]!;
          if (windowFilled[s]! === win.length) windowFailures[s]! -= win[pos]!;
          else windowFilled[s]!++;
          win[pos] = callFailed ? 1 : 0;
          windowFailures[s]! += win[pos]!;
          windowPos[s] = (pos + 1) % win.length;
          if (windowFilled[s]! === win.length && windowFailures[s]! * 100 >= breaker.failureRatePercent * win.length) {
            // Open: refuse calls for openMs, then start counting afresh (the half-open trial is the next call).
            openUntil[s] = arrivalMs + t + breaker.openMs;
            win.fill(0);
            windowFilled[s] = 0;
            windowFailures[s] = 0;
            windowPos[s] = 0;
          }
        }
        if (!callFailed) {
          ok = true;
          break;
        }
        if (a < attempts - 1) {
          retries[s]!++;
          const delay = backoffMs(step.retries!, a);
          t += step.retries!.jitter ? delay * uniformAt(seed, at + 2) : delay;
        }
      }
      if (!ok) {
        if (step.fallback) {
          t += step.fallback.latencyMs;
          fallbacks[s]!++;
          fellBack = true;
        } else {
          failures[s]!++;
          failed = true;
        }
      }
      stepTime[cell] = t - start;
    }
    totals[r] = t;
    if (failed) failedRequests++;
    if (timedOut) timedOutRequests++;
    if (fellBack) fallbackRequests++;
  }

  const sorted = totals.slice().sort();
  const p99Ms = rankOf(sorted, R, 0.99);
  // Where the slowest 1 % of requests spent their time.
  const tailTime = new Float64Array(S);
  let tailTotal = 0;
  for (let r = 0; r < R; r++) {
    if (totals[r]! < p99Ms) continue;
    tailTotal += totals[r]!;
    for (let s = 0; s < S; s++) if (sync[s]) tailTime[s]! += stepTime[r * S + s]!;
  }
  const scratch = new Float64Array(R);
  const stepResults: StepResult[] = steps.map((step, s) => {
    let n = 0;
    for (let r = 0; r < R; r++) if (reached[r * S + s]) scratch[n++] = stepTime[r * S + s]!;
    const p99 = rankOf(scratch.subarray(0, n).sort(), n, 0.99);
    return {
      integration: step.integration,
      synchronous: sync[s]!,
      source: step.source,
      p99Ms: round3(p99),
      shareOfP99: tailTotal > 0 ? round3(tailTime[s]! / tailTotal) : 0,
      calls: calls[s]!,
      timeouts: timeouts[s]!,
      retries: retries[s]!,
      failures: failures[s]!,
      fallbacks: fallbacks[s]!,
      shortCircuited: shortCircuited[s]!,
      budgetP99Ms: step.budgetP99Ms,
      withinBudget: p99 <= step.budgetP99Ms,
    };
  });
  const asyncWithin = stepResults.every((s) => s.synchronous || s.withinBudget);
  return {
    requests: R,
    p50Ms: round3(rankOf(sorted, R, 0.5)),
    p95Ms: round3(rankOf(sorted, R, 0.95)),
    p99Ms: round3(p99Ms),
    errorRatePercent: percent(failedRequests, R),
    timeoutRatePercent: percent(timedOutRequests, R),
    fallbackRatePercent: percent(fallbackRequests, R),
    callsPerRequest: round3(totalCalls / R),
    retryAmplification: logicalCalls === 0 ? 1 : round3(totalCalls / logicalCalls),
    budgetP99Ms: journey.budgetP99Ms,
    withinBudget: p99Ms <= journey.budgetP99Ms && asyncWithin,
    steps: stepResults,
    waterfall: composeJourney({
      budgetP99Ms: journey.budgetP99Ms,
      steps: steps.map((step, s) => ({ key: step.integration, style: step.style, budget: { p50Ms: null, p95Ms: null, p99Ms: stepResults[s]!.p99Ms } })),
    }),
    distribution: DISTRIBUTION_QUANTILES.map((q) => ({ q, ms: round3(q === 0 ? sorted[0] ?? 0 : rankOf(sorted, R, q)) })),
  };
}
