// What the decision-record routes answer: records, their detail with timeline and open actions, evidence.
import { z } from "zod";
import { decisionStatuses, verdicts } from "@/lib/decisions/workflow";
import { simulationResult } from "./actions";
import { fieldChanges } from "./catalog";
import { isoDateTime, nullableDateTime } from "./common";

const status = z.enum(decisionStatuses);
const lines = z.array(z.string());

export const decisionResponse = z
  .object({
    number: z.number().int(),
    id: z.string(),
    label: z.string().describe("ADR-0012"),
    status,
    author: z.string(),
    revision: z.number().int(),
    title: z.string(),
    context: z.string(),
    drivers: lines,
    options: z.array(z.object({ title: z.string(), pros: lines, cons: lines })),
    outcome: z.string(),
    consequences: z.object({ positive: lines, negative: lines }),
    confirmation: z.string(),
    deciders: lines,
    consulted: lines,
    informed: lines,
    tags: lines,
    integrations: lines,
    journeys: lines,
    supersedes: z.number().int().nullable(),
    supersededBy: z.number().int().nullable(),
    teams: lines,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    proposedAt: nullableDateTime,
    decidedAt: nullableDateTime,
  })
  .meta({ id: "Decision" });

export const decisionDetailResponse = z.object({
  record: decisionResponse,
  timeline: z.array(z.object({ at: isoDateTime, kind: z.enum(["revision", "review", "transition"]), actor: z.string(), summary: z.string(), comment: z.string(), changes: fieldChanges.optional() })),
  approvals: z.object({ approvals: z.number().int(), required: z.number().int(), blockedBy: lines }),
  actions: z.array(z.object({ to: status, allowed: z.boolean(), reason: z.string().nullable(), refusal: z.enum(["permission", "state"]).nullable() })),
  canEdit: z.boolean(),
  canReview: z.boolean(),
  imported: z.object({ status, by: z.string(), at: isoDateTime, comment: z.string() }).nullable(),
});

export const reviewResponse = z.object({ id: z.string(), number: z.number().int(), revision: z.number().int(), verdict: z.enum(verdicts), comment: z.string(), reviewer: z.string(), at: isoDateTime });

const range = z.object({ from: isoDateTime, to: isoDateTime });
const evidenceCommon = { id: z.string(), title: z.string(), note: z.string(), addedBy: z.string(), createdAt: isoDateTime, computedAt: isoDateTime };
export const evidenceResponse = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("simulation"),
      journey: z.string(),
      scenario: z.record(z.string(), z.unknown()).describe("The scenario as POST /api/journeys/{slug}/simulate takes it"),
      requests: z.number().int(),
      seed: z.number().int(),
      result: z.object({ baseline: simulationResult, scenario: simulationResult }).describe("The simulation's answers, as POST /api/journeys/{slug}/simulate gives them"),
      observedCalls: z.record(z.string(), z.number()),
      telemetryRange: range,
      ...evidenceCommon,
    }),
    z.object({
      kind: z.literal("latency-snapshot"),
      integration: z.string(),
      range,
      percentiles: z.object({ p50Ms: z.number().nullable(), p95Ms: z.number().nullable(), p99Ms: z.number().nullable() }),
      calls: z.number().int(),
      errors: z.number().int(),
      budget: z.object({ p50Ms: z.number().nullable(), p95Ms: z.number().nullable(), p99Ms: z.number() }),
      ...evidenceCommon,
    }),
  ])
  .meta({ id: "Evidence" });

export const inboxResponse = z.object({ awaitingReview: z.number().int().describe("Records awaiting the caller's review") });

/** GET /api/decisions/{number}/evidence: every item, oldest first (not paged: a record holds few). */
export const evidenceListResponse = z.object({ items: z.array(evidenceResponse) });
