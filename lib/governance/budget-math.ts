// Latency-budget arithmetic used by the rules and the journey waterfall (pure).
import { carriesMessages, type IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import type { JourneyContext } from "./rule-types";

/** Whether the caller waits for the answer: sync calls, and the synchronous acknowledgement of hybrids. */
export const isSynchronous = (i: Pick<IntegrationDeclaration, "style">) => i.style === "sync" || i.style === "hybrid";

/** The waits between attempts: attempts − 1 delays, exponential ones doubling up to the cap. */
export function totalBackoffMs(retries: NonNullable<NonNullable<IntegrationDeclaration["resilience"]>["retries"]>): number {
  let total = 0;
  for (let i = 0; i < retries.maxAttempts - 1; i++) {
    const base = retries.baseDelayMs ?? 0;
    const delay = retries.backoff === "none" ? 0 : retries.backoff === "fixed" ? base : base * 2 ** i;
    total += retries.maxDelayMs != null ? Math.min(delay, retries.maxDelayMs) : delay;
  }
  return total;
}

/** The longest a caller can spend on one logical call: every attempt timing out plus the waits between. */
export function retryEnvelopeMs(i: IntegrationDeclaration): number | null {
  const timeoutMs = i.resilience?.timeoutMs;
  if (timeoutMs == null) return null;
  const retries = i.resilience?.retries;
  if (!retries) return timeoutMs;
  return retries.maxAttempts * timeoutMs + totalBackoffMs(retries);
}

/**
 * The budget the integration's caller itself must answer within: the tightest p99 budget among the
 * synchronous integrations that call the source service, else the tightest journey budget it sits on.
 */
export function callerBudgetMs(i: IntegrationDeclaration, all: IntegrationDeclaration[], journeys: JourneyContext[]): { budgetMs: number; from: string } | null {
  const inbound = all.filter((x) => x.targetService === i.sourceService && isSynchronous(x) && x.lifecycle !== "retired");
  if (inbound.length) {
    const tightest = inbound.reduce((a, b) => (b.budget.p99Ms < a.budget.p99Ms ? b : a));
    return { budgetMs: tightest.budget.p99Ms, from: tightest.key };
  }
  const on = journeys.filter((j) => j.steps.some((s) => s.key === i.key));
  if (on.length) {
    const tightest = on.reduce((a, b) => (b.budgetP99Ms < a.budgetP99Ms ? b : a));
    return { budgetMs: tightest.budgetP99Ms, from: `journey ${tightest.slug}` };
  }
  return null;
}

export interface CompositionStep {
  key: string;
  synchronous: boolean;
  budgetP99Ms: number;
  /** Where the step starts in the synchronous chain's waterfall (ms); async steps start where they are triggered. */
  offsetMs: number;
}

export interface Composition {
  budgetP99Ms: number;
  syncTotalMs: number;
  slackMs: number;
  syncHops: number;
  steps: CompositionStep[];
}

/** The waterfall: synchronous steps add up one after another; asynchronous steps run off the critical path. */
export function composeJourney(journey: { budgetP99Ms: number; steps: Pick<IntegrationDeclaration, "key" | "style" | "budget">[] }): Composition {
  let offset = 0;
  const steps = journey.steps.map((s) => {
    const synchronous = isSynchronous(s);
    const step = { key: s.key, synchronous, budgetP99Ms: s.budget.p99Ms, offsetMs: offset };
    if (synchronous) offset += s.budget.p99Ms;
    return step;
  });
  return { budgetP99Ms: journey.budgetP99Ms, syncTotalMs: offset, slackMs: journey.budgetP99Ms - offset, syncHops: steps.filter((s) => s.synchronous).length, steps };
}

/** Broker protocols whose topics are partitioned: total order across partitions does not exist there. */
export const partitionedProtocols = ["kafka", "kinesis", "pulsar", "eventbridge", "sns", "sqs", "pubsub", "redis-streams"];

export { carriesMessages };
