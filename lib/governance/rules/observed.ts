// Rules on what production shows (telemetry), beside the declaration: they plug into the same engine.
import type { Rule } from "../rule-types";
import { formatDuration, formatDurationExact } from "@/lib/format/duration";

export const observedP99OverBudget: Rule = {
  id: "observed-p99-over-budget",
  title: "Observed p99 stays within the declared budget",
  problem: "Observed p99 is over the declared budget",
  rationale:
    "A budget nobody meets is not a budget: callers size their timeouts, retries and their own budgets from it. When the observed p99 exceeds it, either the callee regressed or the declaration is fiction — both need a decision.",
  remediation: "Find what made the callee slower (see Drift), or revise the budget — and its callers' budgets — with a decision record.",
  severity: "error",
  thresholds: { minCalls: { default: 100, min: 1, max: 1_000_000, unit: "calls", description: "Calls in the last 24 h before the p99 is trusted" } },
  evaluate: (ctx, t) =>
    ctx.integrations.flatMap((i) => {
      const o = ctx.observations?.get(i.key);
      if (!o || i.lifecycle === "retired" || o.p99Ms24h === null || o.calls24h < (t.minCalls ?? 100) || o.p99Ms24h <= i.budget.p99Ms) return [];
      return [{ integration: i.key, journey: null, message: `${i.key}: observed p99 over the last 24 h is ${formatDuration(o.p99Ms24h)}, over its ${formatDurationExact(i.budget.p99Ms)} budget.` }];
    }),
};

export const errorBudgetExhausted: Rule = {
  id: "error-budget-exhausted",
  title: "The availability error budget is not exhausted",
  problem: "Availability error budget is exhausted",
  rationale:
    "The error budget is the unreliability the SLO allows over its window. Once it is spent, every further failure breaks the promise to the caller: changes that add risk should wait until reliability is restored.",
  remediation: "Look at the burn rates and recent deploys; pause risky changes until the budget recovers, or renegotiate the SLO.",
  severity: "error",
  thresholds: {},
  evaluate: (ctx) =>
    ctx.integrations.flatMap((i) => {
      const o = ctx.observations?.get(i.key);
      if (!o || i.lifecycle === "retired" || o.windowCalls === 0) return [];
      // Rounded: 100 − 99.9 is 0.0999…9 in floating point, which would shave a call off the allowance.
      const allowed = Math.round((1 - i.slo.successTargetPercent / 100) * o.windowCalls * 1e6) / 1e6;
      if (o.windowErrors <= allowed) return [];
      return [{ integration: i.key, journey: null, message: `${i.key}: ${o.windowErrors} errors in ${o.windowCalls} calls over ${i.slo.windowDays} days; the ${i.slo.successTargetPercent} % SLO allows ${Math.floor(allowed)}.` }];
    }),
};

export const driftingTowardBudget: Rule = {
  id: "drifting-toward-budget",
  title: "Observed p99 is not drifting toward its budget",
  problem: "Observed p99 is drifting toward its budget",
  rationale:
    "A p99 that creeps up a few percent a day is still within budget today and breaches it in a few weeks, usually with nobody having changed the declaration. Seeing the trend early leaves time to find the cause before callers' timeouts start firing.",
  remediation: "Open Drift to see since when the p99 has been rising; find the change behind it, or revise the budget with a decision record.",
  severity: "warning",
  thresholds: { withinDays: { default: 30, min: 1, max: 365, unit: "days", description: "Flag when the trend reaches the budget within this many days" } },
  evaluate: (ctx, t) =>
    ctx.integrations.flatMap((i) => {
      const drift = ctx.observations?.get(i.key)?.drift;
      // daysToBreach is null once the p99 is over budget: the over-budget rule speaks then.
      if (!drift || i.lifecycle === "retired" || drift.daysToBreach === null || drift.daysToBreach > (t.withinDays ?? 30)) return [];
      const recent = drift.recent7dP99Ms === null ? "" : ` (${formatDuration(drift.recent7dP99Ms)} over the last 7 days)`;
      return [
        {
          integration: i.key,
          journey: null,
          message: `${i.key}: p99 rising ${Math.round(drift.slopePercentPerDay * 10) / 10} %/day${recent} reaches its ${formatDurationExact(i.budget.p99Ms)} budget in ${Math.ceil(drift.daysToBreach)} days, around ${drift.projectedBreachAt}.`,
        },
      ];
    }),
};

export const observedRules = [observedP99OverBudget, errorBudgetExhausted, driftingTowardBudget];
