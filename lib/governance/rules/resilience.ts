// Rules on how synchronous calls protect their callers: timeouts, retries, breakers and fallbacks.
import { plural } from "@/lib/format/plural";
import { isSynchronous, callerBudgetMs, retryEnvelopeMs, totalBackoffMs } from "../budget-math";
import type { Rule } from "../rule-types";
import { formatDurationExact } from "@/lib/format/duration";

const live = <T extends { lifecycle: string }>(items: T[]) => items.filter((i) => i.lifecycle !== "retired");

export const syncTimeoutDeclared: Rule = {
  id: "sync-timeout-declared",
  title: "Synchronous calls declare a timeout",
  problem: "Synchronous call has no timeout",
  rationale:
    "Without a timeout a slow or hung callee holds the caller's thread, connection and memory until the caller's own deadline — or forever. One degraded dependency then exhausts the caller's pools and the failure spreads upstream.",
  remediation: "Declare resilience.timeoutMs: at least the callee's p99 budget, and within what the caller can afford.",
  severity: "error",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations)
      .filter((i) => isSynchronous(i) && i.resilience?.timeoutMs == null)
      .map((i) => ({ integration: i.key, journey: null, message: `${i.key} is ${i.style} but declares no timeout.` })),
};

export const syncTimeoutFits: Rule = {
  id: "sync-timeout-fits-budgets",
  title: "Timeouts sit between the callee's p99 and the caller's budget",
  problem: "Timeout is below the callee's p99 or above the caller's budget",
  rationale:
    "A timeout below the callee's declared p99 fires on ordinary slow calls and turns normal latency into errors (and retries). A timeout above the caller's own budget means the caller gives up on its own caller before this call does, wasting the work.",
  remediation: "Set the timeout to at least the p99 budget and at most the budget of whoever calls the source service.",
  severity: "warning",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations).flatMap((i) => {
      const timeoutMs = i.resilience?.timeoutMs;
      if (!isSynchronous(i) || timeoutMs == null) return [];
      const findings = [];
      if (timeoutMs < i.budget.p99Ms) {
        findings.push({ integration: i.key, journey: null, message: `Timeout ${formatDurationExact(timeoutMs)} is below the p99 budget of ${formatDurationExact(i.budget.p99Ms)}: ordinary slow calls will time out.` });
      }
      const caller = callerBudgetMs(i, ctx.integrations, ctx.journeys);
      if (caller && timeoutMs > caller.budgetMs) {
        findings.push({ integration: i.key, journey: null, message: `Timeout ${formatDurationExact(timeoutMs)} exceeds the caller's budget of ${formatDurationExact(caller.budgetMs)} (${caller.from}).` });
      }
      return findings;
    }),
};

export const retryEnvelopeFits: Rule = {
  id: "retry-envelope-fits-budget",
  title: "The retry envelope fits the caller's budget",
  problem: "Retry envelope exceeds the caller's budget",
  rationale:
    "Retries multiply latency: attempts × timeout plus the waits between them is how long the caller may be stuck on one logical call. If that exceeds the caller's own budget, the retries can never succeed in time and only add load during an incident.",
  remediation: "Lower the attempts or the timeout, cap the backoff, or raise the caller's budget deliberately.",
  severity: "error",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations).flatMap((i) => {
      const retries = i.resilience?.retries;
      const envelope = retryEnvelopeMs(i);
      if (!isSynchronous(i) || !retries || retries.maxAttempts < 2 || envelope == null) return [];
      const caller = callerBudgetMs(i, ctx.integrations, ctx.journeys);
      if (!caller || envelope <= caller.budgetMs) return [];
      return [
        {
          integration: i.key,
          journey: null,
          message: `${retries.maxAttempts} attempts × ${formatDurationExact(i.resilience!.timeoutMs)} + ${formatDurationExact(totalBackoffMs(retries))} backoff = ${formatDurationExact(envelope)}, over the caller's budget of ${formatDurationExact(caller.budgetMs)} (${caller.from}).`,
        },
      ];
    }),
};

export const retryBackoffJitter: Rule = {
  id: "retry-backoff-jitter",
  title: "Retries back off with jitter",
  problem: "Retries without backoff or jitter",
  rationale:
    "Retries without backoff hammer a struggling service exactly when it can least cope; retries without jitter synchronise clients into waves (a retry storm) that keep it down after the original fault is gone.",
  remediation: "Use exponential backoff with jitter and a maximum delay.",
  severity: "warning",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations).flatMap((i) => {
      const r = i.resilience?.retries;
      if (!r || r.maxAttempts < 2) return [];
      if (r.backoff === "none") return [{ integration: i.key, journey: null, message: `${i.key} retries ${plural(r.maxAttempts - 1, "time")} with no backoff.` }];
      if (!r.jitter) return [{ integration: i.key, journey: null, message: `${i.key} retries with ${r.backoff} backoff but no jitter.` }];
      return [];
    }),
};

export const retryIdempotent: Rule = {
  id: "retry-requires-idempotency",
  title: "Only idempotent operations are retried",
  problem: "A non-idempotent operation is retried",
  rationale:
    "A retry after a timeout repeats an operation that may already have succeeded. Unless the callee makes duplicates harmless (an idempotency key or a naturally idempotent operation), retries create double charges, double orders and double emails.",
  remediation: "Declare how duplicates are made harmless (idempotency.strategy key or natural), or stop retrying.",
  severity: "error",
  thresholds: {},
  evaluate: (ctx) =>
    live(ctx.integrations)
      .filter((i) => (i.resilience?.retries?.maxAttempts ?? 1) > 1 && (!i.idempotency || i.idempotency.strategy === "none"))
      .map((i) => ({
        integration: i.key,
        journey: null,
        message: `${i.key} retries up to ${i.resilience!.retries!.maxAttempts} attempts but declares ${i.idempotency ? "no idempotency (strategy none)" : "no idempotency"}.`,
      })),
};

export const criticalJourneyBreaker: Rule = {
  id: "critical-journey-breaker-fallback",
  title: "Synchronous steps of critical journeys have a circuit breaker and a fallback",
  problem: "Synchronous step of a critical journey lacks a circuit breaker or fallback",
  rationale:
    "On a critical journey every synchronous dependency is a single point of failure for the user. A circuit breaker stops waiting on a dependency that is down; a fallback decides what the user gets instead of an error.",
  remediation: "Declare resilience.circuitBreaker and resilience.fallback for the step.",
  severity: "warning",
  thresholds: {},
  evaluate: (ctx) =>
    ctx.journeys
      .filter((j) => j.criticality === "critical")
      .flatMap((j) =>
        live(j.steps)
          .filter((s) => isSynchronous(s) && (!s.resilience?.circuitBreaker || !s.resilience.fallback))
          .map((s) => {
            const missing = [!s.resilience?.circuitBreaker && "a circuit breaker", !s.resilience?.fallback && "a fallback"].filter(Boolean).join(" and ");
            return { integration: s.key, journey: j.slug, message: `${s.key} is a synchronous step of critical journey ${j.name} without ${missing}.` };
          }),
      ),
};

export const resilienceRules = [syncTimeoutDeclared, syncTimeoutFits, retryEnvelopeFits, retryBackoffJitter, retryIdempotent, criticalJourneyBreaker];
