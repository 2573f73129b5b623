// Simulating a stored journey: its live steps' declarations and their telemetry over a range
// (merged from the stored buckets), the baseline and the scenario run on the same seed.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { declarationOf } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { rangeTally } from "@/lib/telemetry/latency";
import { findJourney } from "../journeys";
import { simulateJourney, type SimulationResult } from "./engine";
import { applyScenario, baselineStep, type SimJourney } from "./model";
import { DEFAULT_RANGE_DAYS, simulateSchema, type Scenario } from "./scenario-schema";

export interface TelemetryRange {
  from: string;
  to: string;
}

export interface SimulationAnswer {
  journey: string;
  telemetryRange: TelemetryRange;
  requests: number;
  seed: number;
  scenarioChanges: Scenario["changes"];
  /** Observed calls per step over the range (0: drawn from the declared budget). */
  observedCalls: Record<string, number>;
  baseline: SimulationResult;
  scenario: SimulationResult;
}

const DAY_MS = 86_400_000;

export async function simulateStoredJourney(actor: Actor, slug: string, input: unknown, nowMs = Date.now()): Promise<SimulationAnswer> {
  authorize(actor, "catalog:read");
  const body = simulateSchema.parse(input);
  const row = await findJourney(db(), slug);
  if (!row) throw new AppError("not_found", `No journey ${slug}`);
  const toMs = body.to ? Date.parse(body.to) : nowMs;
  const fromMs = body.from ? Date.parse(body.from) : toMs - DEFAULT_RANGE_DAYS * DAY_MS;
  // A retired step no longer runs (as in the budget composition).
  const live = row.steps.filter((s) => s.integration.lifecycle !== "retired");
  const tallies = await Promise.all(live.map((s) => rangeTally(s.integration.id, fromMs, toMs)));
  const journey: SimJourney = {
    budgetP99Ms: row.budgetP99Ms,
    steps: live.map((s, i) => baselineStep(declarationOf(s.integration), tallies[i]!)),
  };
  const { journey: changed, unknown } = applyScenario(journey, body.scenario.changes);
  if (unknown.length) {
    throw new AppError(
      "validation_failed",
      `Not a step of journey ${slug}: ${unknown.join(", ")}`,
      unknown.map((k) => ({ path: `scenario.changes.${body.scenario.changes.findIndex((c) => c.integration === k)}.integration`, message: `${k} is not a step of this journey` })),
    );
  }
  // The breaker's open time is in wall time: arrivals at the first step's observed rate (at least 1/s).
  const seconds = Math.max(1, (toMs - fromMs) / 1000);
  const arrivalsPerSecond = Math.max(1, (tallies[0]?.count ?? 0) / seconds);
  const options = { requests: body.requests, seed: body.seed, arrivalsPerSecond };
  return {
    journey: slug,
    telemetryRange: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
    requests: body.requests,
    seed: body.seed,
    scenarioChanges: body.scenario.changes,
    observedCalls: Object.fromEntries(live.map((s, i) => [s.integration.key, tallies[i]!.count])),
    baseline: simulateJourney(journey, options),
    scenario: simulateJourney(changed, options),
  };
}

/** What the what-if page shows for each live step: its style, budget and declared resilience. */
export async function whatIfSteps(actor: Actor, slug: string) {
  authorize(actor, "catalog:read");
  const row = await findJourney(db(), slug);
  if (!row) throw new AppError("not_found", `No journey ${slug}`);
  return row.steps
    .filter((s) => s.integration.lifecycle !== "retired")
    .map((s) => {
      const d = declarationOf(s.integration);
      return {
        key: d.key,
        style: d.style,
        budgetP99Ms: d.budget.p99Ms,
        timeoutMs: d.resilience?.timeoutMs ?? null,
        maxAttempts: d.resilience?.retries?.maxAttempts ?? 1,
        breaker: d.resilience?.circuitBreaker != null,
        fallback: Boolean(d.resilience?.fallback),
      };
    });
}
