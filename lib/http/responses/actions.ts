// What the routes that do something and report it answer: catalog and MADR import plans, the journey
// what-if, a channel test, dead-letter replays.
import { z } from "zod";
import { KINDS } from "@/lib/catalog/as-code/types";
import { EVENT_SEVERITIES, EVENT_TYPES } from "@/lib/notifications/types";
import { fieldChanges } from "./catalog";
import { isoDateTime } from "./common";
import { compositionResponse } from "./governance";

const planEntry = z.object({ kind: z.enum(KINDS), name: z.string(), file: z.string().optional(), document: z.number().int().optional(), changes: fieldChanges.optional() });
export const catalogImportResponse = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  created: z.array(planEntry),
  changed: z.array(planEntry),
  retired: z.array(planEntry),
  unchanged: z.number().int(),
  issues: z.array(z.object({ file: z.string(), document: z.number().int(), path: z.string(), message: z.string(), severity: z.enum(["error", "warning"]), line: z.number().int().optional() })),
});

const fileIssue = z.object({ file: z.string(), path: z.string(), message: z.string() });
export const decisionImportResponse = z.object({
  dryRun: z.boolean(),
  created: z.array(z.number().int()).describe("Record numbers"),
  updated: z.array(z.number().int()),
  unchanged: z.array(z.number().int()),
  errors: z.array(fileIssue).describe("Always empty here: a file with errors answers 422 and nothing is applied"),
  warnings: z.array(fileIssue).describe("Read other than as written, and applied anyway"),
});

/** One run of the journey what-if: end-to-end figures, per-step results, waterfall and distribution. */
export const simulationResult = z.object({
  requests: z.number().int(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  errorRatePercent: z.number(),
  timeoutRatePercent: z.number(),
  fallbackRatePercent: z.number(),
  callsPerRequest: z.number(),
  retryAmplification: z.number(),
  budgetP99Ms: z.number(),
  withinBudget: z.boolean(),
  steps: z.array(
    z.object({
      integration: z.string(),
      synchronous: z.boolean(),
      source: z.enum(["observed", "declared"]),
      p99Ms: z.number(),
      shareOfP99: z.number(),
      calls: z.number().int(),
      timeouts: z.number().int(),
      retries: z.number().int(),
      failures: z.number().int(),
      fallbacks: z.number().int(),
      shortCircuited: z.number().int(),
      budgetP99Ms: z.number(),
      withinBudget: z.boolean(),
    }),
  ),
  waterfall: compositionResponse.describe("Each step's simulated p99 laid end to end, against the journey budget"),
  distribution: z.array(z.object({ q: z.number(), ms: z.number() })),
});
export const simulationResponse = z.object({
  journey: z.string(),
  telemetryRange: z.object({ from: isoDateTime, to: isoDateTime }),
  requests: z.number().int(),
  seed: z.number().int(),
  scenarioChanges: z.array(z.record(z.string(), z.unknown())).describe("The scenario's changes as sent"),
  observedCalls: z.record(z.string(), z.number().int()).describe("Observed calls per step over the range (0: drawn from the declared budget)"),
  baseline: simulationResult,
  scenario: simulationResult,
});

export const channelTestResponse = z.object({
  event: z.object({
    id: z.string(),
    type: z.enum(EVENT_TYPES),
    state: z.enum(["firing", "resolved"]).nullable(),
    severity: z.enum(EVENT_SEVERITIES),
    occurredAt: isoDateTime,
    summary: z.string(),
    link: z.string(),
    integration: z.string().nullable(),
    team: z.string().nullable(),
    decision: z.number().int().nullable(),
    data: z.record(z.string(), z.unknown()),
  }),
  outcome: z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), status: z.number().int(), durationMs: z.number() }),
    z.object({ ok: z.literal(false), retry: z.boolean(), status: z.number().int().nullable(), error: z.string(), durationMs: z.number(), retryAfterMs: z.number().nullable() }),
  ]),
});

export const replayedResponse = z.object({ replayed: z.number().int().describe("Dead letters handed back to the queue") });
export const replayedDeliveryResponse = z.object({ id: z.string(), state: z.literal("pending") });
