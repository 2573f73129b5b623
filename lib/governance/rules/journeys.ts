// Rules over a journey's synchronous chain: what the user waits for end to end.
import { composeJourney, isSynchronous } from "../budget-math";
import type { Rule } from "../rule-types";
import { formatDurationExact } from "@/lib/format/duration";

export const journeyBudget: Rule = {
  id: "journey-budget-composition",
  title: "The synchronous chain fits the journey's budget",
  problem: "Synchronous chain exceeds the journey's budget",
  rationale:
    "The user waits for every synchronous step of the journey in turn. If the steps' p99 budgets add up to more than the journey's budget, the journey misses its target by design, before any incident.",
  remediation: "Tighten step budgets, make a step asynchronous, run steps in parallel, or revisit the journey budget with a decision.",
  severity: "error",
  thresholds: {},
  evaluate: (ctx) =>
    ctx.journeys.flatMap((j) => {
      const c = composeJourney(j);
      if (c.slackMs >= 0) return [];
      return [{ integration: null, journey: j.slug, message: `Journey ${j.name}: synchronous p99 budgets add up to ${formatDurationExact(c.syncTotalMs)}, ${formatDurationExact(-c.slackMs)} over its ${formatDurationExact(j.budgetP99Ms)} budget.` }];
    }),
};

export const journeyDepth: Rule = {
  id: "journey-chain-depth",
  title: "Synchronous chains stay shallow",
  problem: "Synchronous chain is too deep",
  rationale:
    "Every synchronous hop multiplies the chance of failure and adds tail latency; deep chains are where cascading failures start. Past a few hops, an asynchronous step or a read model usually serves the user better.",
  remediation: "Break the chain: make a step asynchronous, cache, or move data closer to the caller.",
  severity: "warning",
  thresholds: { maxHops: { default: 4, min: 1, max: 20, unit: "hops", description: "Synchronous hops allowed in one journey" } },
  evaluate: (ctx, t) =>
    ctx.journeys.flatMap((j) => {
      const hops = j.steps.filter(isSynchronous).length;
      const max = t.maxHops ?? 4;
      return hops > max ? [{ integration: null, journey: j.slug, message: `Journey ${j.name} has ${hops} synchronous hops (at most ${max}).` }] : [];
    }),
};

export const timeoutsShrink: Rule = {
  id: "journey-timeouts-shrink",
  title: "Timeouts shrink along a synchronous chain",
  problem: "An inner timeout outlasts its caller's",
  rationale:
    "When A calls B which calls C, B must give up on C before A gives up on B — otherwise A has already abandoned the request while B still waits, and B's retries are wasted work.",
  remediation: "Give each callee a shorter timeout than its caller (leave room for the caller's own work).",
  severity: "warning",
  thresholds: {},
  evaluate: (ctx) =>
    ctx.journeys.flatMap((j) => {
      const findings = [];
      const sync = j.steps.filter(isSynchronous);
      for (const caller of sync) {
        for (const callee of sync) {
          if (callee.sourceService !== caller.targetService) continue;
          const outer = caller.resilience?.timeoutMs;
          const inner = callee.resilience?.timeoutMs;
          if (outer != null && inner != null && inner >= outer) {
            findings.push({ integration: callee.key, journey: j.slug, message: `${callee.key} waits up to ${formatDurationExact(inner)}, but its caller ${caller.key} gives up after ${formatDurationExact(outer)}.` });
          }
        }
      }
      return findings;
    }),
};

export const journeyRules = [journeyBudget, journeyDepth, timeoutsShrink];
