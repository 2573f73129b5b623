// A journey step as the simulation sees it (pure): where its latency and errors come from and what
// resilience wraps it — built from the declaration and telemetry, then changed by a scenario.
import type { IntegrationDeclaration, Style } from "@/lib/catalog/integration-schema";
import { isSynchronous } from "../budget-math";
import { fitLognormal, type LatencySource } from "./distribution";
import type { StepChange } from "./scenario-schema";

/** The fallback's latency when none is declared: a local default answer. */
export const DEFAULT_FALLBACK_MS = 1;

export interface Retries {
  maxAttempts: number;
  backoff: "none" | "fixed" | "exponential";
  baseDelayMs: number | null;
  maxDelayMs: number | null;
  jitter: boolean;
}

export interface SimStep {
  integration: string;
  style: Style;
  /** The step's own p99 budget: call latency for sync steps, delivery lag for async ones. */
  budgetP99Ms: number;
  source: "observed" | "declared";
  latency: LatencySource;
  latencyScale: number;
  latencyShiftMs: number;
  errorRatePercent: number;
  timeoutMs: number | null;
  retries: Retries | null;
  circuitBreaker: { failureRatePercent: number; minimumCalls: number; openMs: number } | null;
  fallback: { latencyMs: number } | null;
}

export interface SimJourney {
  budgetP99Ms: number;
  steps: SimStep[];
}

export const stepIsSynchronous = (s: Pick<SimStep, "style">) => isSynchronous(s);

/** Observed calls of a step over the telemetry range, if any. */
export interface Observed {
  count: number;
  errors: number;
  histogram: import("@/lib/telemetry/histogram").Histogram;
}

/**
 * The baseline step: the observed histogram and error share when there is telemetry, else a
 * lognormal through the declared budget and the error rate the availability target allows.
 */
export function baselineStep(d: IntegrationDeclaration, observed: Observed | null): SimStep {
  const has = observed != null && observed.count > 0;
  const r = d.resilience;
  return {
    integration: d.key,
    style: d.style,
    budgetP99Ms: d.budget.p99Ms,
    source: has ? "observed" : "declared",
    latency: has ? { kind: "histogram", histogram: observed.histogram } : fitLognormal(d.budget),
    latencyScale: 1,
    latencyShiftMs: 0,
    errorRatePercent: has ? (100 * observed.errors) / observed.count : 100 - d.slo.successTargetPercent,
    timeoutMs: r?.timeoutMs ?? null,
    retries: r?.retries ?? null,
    circuitBreaker: r?.circuitBreaker ?? null,
    fallback: r?.fallback ? { latencyMs: DEFAULT_FALLBACK_MS } : null,
  };
}

const DEFAULT_RETRIES: Omit<Retries, "maxAttempts"> = { backoff: "exponential", baseDelayMs: 50, maxDelayMs: 1000, jitter: true };

/** One change applied to one step; fields the change leaves out keep their baseline value. */
export function applyChange(s: SimStep, c: StepChange): SimStep {
  const next = { ...s };
  if (c.latencyScale !== undefined) next.latencyScale = c.latencyScale;
  if (c.latencyShiftMs !== undefined) next.latencyShiftMs = c.latencyShiftMs;
  if (c.errorRatePercent !== undefined) next.errorRatePercent = c.errorRatePercent;
  if (c.timeoutMs !== undefined) next.timeoutMs = c.timeoutMs;
  if (c.retries !== undefined) {
    if (c.retries === null) next.retries = null;
    else if (typeof c.retries === "number") next.retries = { ...(s.retries ?? DEFAULT_RETRIES), maxAttempts: c.retries };
    else next.retries = c.retries;
  }
  if (c.circuitBreaker !== undefined) next.circuitBreaker = c.circuitBreaker;
  if (c.fallback !== undefined) {
    if (c.fallback === null || c.fallback === false) next.fallback = null;
    else if (c.fallback === true) next.fallback = s.fallback ?? { latencyMs: DEFAULT_FALLBACK_MS };
    else next.fallback = { latencyMs: c.fallback.latencyMs };
  }
  if (c.style !== undefined) next.style = c.style;
  return next;
}

/** The scenario's journey; a change naming an integration that is not a step is reported, not ignored. */
export function applyScenario(j: SimJourney, changes: StepChange[]): { journey: SimJourney; unknown: string[] } {
  const byKey = new Map(changes.map((c) => [c.integration, c]));
  const steps = j.steps.map((s) => {
    const c = byKey.get(s.integration);
    return c ? applyChange(s, c) : s;
  });
  const unknown = changes.map((c) => c.integration).filter((k) => !j.steps.some((s) => s.integration === k));
  return { journey: { ...j, steps }, unknown };
}
