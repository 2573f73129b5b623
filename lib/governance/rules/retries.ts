// Rules on retries and throttling as production shows them (issue 17): what the callers' client spans
// say about attempts per logical call, and how often the callee turns calls away for load.
import type { IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import type { RetryWindow } from "@/lib/slo/observation";
import type { PolicyContext, RawFinding, Rule } from "../rule-types";

const round = (v: number, places = 1) => Math.round(v * 10 ** places) / 10 ** places;
const amplificationOf = (w: RetryWindow) => (w.logicalCalls > 0 ? w.attempts / w.logicalCalls : 0);

/** The live integrations with retry observations, and what `check` finds in them. */
const each = (ctx: PolicyContext, check: (i: IntegrationDeclaration, o: { last5m: RetryWindow; last1h: RetryWindow }) => string | null): RawFinding[] =>
  ctx.integrations.flatMap((i) => {
    const o = ctx.observations?.get(i.key)?.retries;
    if (!o || i.lifecycle === "retired") return [];
    const message = check(i, o);
    return message ? [{ integration: i.key, journey: null, message }] : [];
  });

export const observedAttemptsWithinDeclared: Rule = {
  id: "observed-attempts-within-declared",
  title: "Observed attempts per call stay within the declared retries",
  problem: "Calls take more attempts than the declared retries allow",
  rationale:
    "The declared maxAttempts is what the retry envelope, the callee's capacity and the caller's budget were worked out from. A caller making more attempts than that — a second retry layer (SDK and service mesh), or a policy nobody updated — multiplies load on a failing callee and blows the budgets those figures were meant to hold.",
  remediation: "Find which layer adds attempts (client library, mesh, gateway) and make one layer own retries, or declare the real maxAttempts and recheck the retry envelope against the budget.",
  severity: "error",
  thresholds: { extraAttempts: { default: 0, min: 0, max: 10, unit: "attempts", description: "Attempts per logical call tolerated above the declared maxAttempts" } },
  evaluate: (ctx, t) =>
    each(ctx, (i, { last1h }) => {
      const declared = i.resilience?.retries?.maxAttempts ?? null;
      if (declared === null || last1h.maxAttempts <= declared + (t.extraAttempts ?? 0)) return null;
      return `${i.key}: a logical call took ${last1h.maxAttempts} attempts in the last hour; ${declared} declared.`;
    }),
};

export const noRetryStorm: Rule = {
  id: "no-retry-storm",
  title: "Callers do not retry into a failing callee",
  problem: "Retry storm: callers multiply load on a failing callee",
  rationale:
    "When a callee fails, every caller that retries without a budget adds attempts exactly when the callee can least take them: amplification above 1.5 while the error rate is high is the feedback loop that turns a brownout into an outage and keeps it down after the cause is gone.",
  remediation: "Bound retries with a retry budget or circuit breaker, back off exponentially with jitter, and retry only errors that are retryable; check the callee's capacity while the storm lasts.",
  severity: "error",
  thresholds: {
    amplification: { default: 1.5, min: 1, max: 10, unit: "attempts per call", description: "Attempts per logical call over the last 5 minutes above which retries storm" },
    errorRatePercent: { default: 5, min: 0, max: 100, unit: "%", description: "Error rate over the last 5 minutes above which the callee is failing" },
    minCalls: { default: 20, min: 1, max: 1_000_000, unit: "calls", description: "Logical calls in the last 5 minutes before the figures are trusted" },
  },
  evaluate: (ctx, t) =>
    each(ctx, (i, { last5m }) => {
      const amplification = amplificationOf(last5m);
      const errorRate = last5m.calls > 0 ? (last5m.errors / last5m.calls) * 100 : 0;
      if (last5m.logicalCalls < (t.minCalls ?? 20) || amplification <= (t.amplification ?? 1.5) || errorRate <= (t.errorRatePercent ?? 5)) return null;
      return `${i.key}: ${last5m.attempts} attempts for ${last5m.logicalCalls} logical calls (×${round(amplification, 2)}) in the last 5 minutes while ${round(errorRate)} % of calls fail.`;
    }),
};

export const retriesOnlyWhereDeclared: Rule = {
  id: "retries-only-where-declared",
  title: "Calls are retried only where retries are declared and safe",
  problem: "Calls are retried without declared retries or idempotency",
  rationale:
    "Retrying a call that is not idempotent can apply it twice (a double charge, a duplicate order); retrying one whose declaration says it is not retried means the envelope, budgets and capacity plans were made for one attempt. Either way production does something the design never agreed to.",
  remediation: "Declare the retry policy and make the operation idempotent (an idempotency key or a natural key), or stop the retries in the client or mesh.",
  severity: "warning",
  thresholds: { minRetriedCalls: { default: 1, min: 1, max: 1_000_000, unit: "calls", description: "Retried logical calls in the last hour before flagging" } },
  evaluate: (ctx, t) =>
    each(ctx, (i, { last1h }) => {
      if (last1h.retriedCalls < (t.minRetriedCalls ?? 1)) return null;
      const declaresNone = (i.resilience?.retries?.maxAttempts ?? 1) <= 1;
      const notIdempotent = !i.idempotency || i.idempotency.strategy === "none";
      if (!declaresNone && !notIdempotent) return null;
      const why = [declaresNone ? "declares no retries" : null, notIdempotent ? "is not idempotent" : null].filter(Boolean).join(" and ");
      return `${i.key}: ${last1h.retriedCalls} logical calls were retried in the last hour, but it ${why}.`;
    }),
};

export const throttlingHandled: Rule = {
  id: "throttling-handled",
  title: "A throttled callee's callers declare a concurrency limit or backoff",
  problem: "Callee throttles calls and the caller has no declared concurrency limit or backoff",
  rationale:
    "429 and 503 (gRPC RESOURCE_EXHAUSTED, UNAVAILABLE) are the callee saying it is over capacity. A caller with neither a concurrency limit nor backoff keeps sending at full rate, so throttled calls turn into retries and the callee stays saturated.",
  remediation: "Declare and enforce a concurrency limit (or rate limit) on the caller, back off on 429/503 honouring Retry-After, or raise the callee's capacity with a decision record.",
  severity: "warning",
  thresholds: {
    throttledPercent: { default: 1, min: 0, max: 100, unit: "%", description: "Throttled share of calls over the last hour above which to flag" },
    minCalls: { default: 100, min: 1, max: 1_000_000, unit: "calls", description: "Calls in the last hour before the share is trusted" },
  },
  evaluate: (ctx, t) =>
    each(ctx, (i, { last1h }) => {
      const share = last1h.calls > 0 ? (last1h.throttled / last1h.calls) * 100 : 0;
      if (last1h.calls < (t.minCalls ?? 100) || share <= (t.throttledPercent ?? 1)) return null;
      const backoff = i.resilience?.retries?.backoff;
      if (i.resilience?.concurrencyLimit != null || (backoff !== undefined && backoff !== "none")) return null;
      return `${i.key}: ${last1h.throttled} of ${last1h.calls} calls (${round(share)} %) were throttled in the last hour, with no concurrency limit or backoff declared.`;
    }),
};

export const retryRules = [observedAttemptsWithinDeclared, noRetryStorm, retriesOnlyWhereDeclared, throttlingHandled];
