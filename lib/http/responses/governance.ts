// What the governance routes answer: journeys and their budget composition, policy rules, pattern
// blueprints, findings, waivers and team scorecards.
import { z } from "zod";
import { declarationFields } from "./catalog";
import { isoDate, isoDateTime, nullableDateTime, page } from "./common";

const severity = z.enum(["error", "warning", "info"]);
const counts = z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int(), waived: z.number().int() });

/** The budget waterfall: synchronous steps one after another, async ones off the critical path. */
export const compositionResponse = z.object({
  budgetP99Ms: z.number(),
  syncTotalMs: z.number(),
  slackMs: z.number(),
  syncHops: z.number().int(),
  steps: z.array(z.object({ key: z.string(), synchronous: z.boolean(), budgetP99Ms: z.number(), offsetMs: z.number() })),
});

export const journeyResponse = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    team: z.string(),
    budgetP99Ms: z.number(),
    criticality: z.string(),
    steps: z.array(z.string()).describe("Integration keys, in order"),
    stepDetails: z.array(z.object({ key: z.string(), style: z.string(), sourceService: z.string(), targetService: z.string(), budgetP99Ms: z.number(), lifecycle: z.string() })),
    composition: compositionResponse,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: "Journey" });

export const policyResponse = z
  .object({
    id: z.string(),
    title: z.string(),
    rationale: z.string(),
    remediation: z.string(),
    severity,
    enabled: z.boolean(),
    thresholds: z.array(z.object({ name: z.string(), value: z.number(), spec: z.object({ default: z.number(), min: z.number(), max: z.number(), unit: z.string(), description: z.string() }) })),
  })
  .meta({ id: "Policy" });

/** A blueprint's defaults are a declaration as written (nested parts may leave out what has a default). */
const part = z.record(z.string(), z.unknown()).nullable();
export const patternResponse = z
  .object({
    name: z.string(),
    title: z.string(),
    summary: z.string(),
    whenToUse: z.array(z.string()),
    avoidWhen: z.array(z.string()),
    gains: z.array(z.string()),
    costs: z.array(z.string()),
    satisfies: z.array(z.string()).describe("Ids of the policy rules the defaults pass"),
    traits: z.array(z.object({ field: z.string(), expects: z.string() })),
    defaults: z.object({
      style: declarationFields.style,
      protocol: declarationFields.protocol,
      criticality: declarationFields.criticality,
      lifecycle: declarationFields.lifecycle,
      migration: part,
      budget: part,
      slo: part,
      consistency: part,
      delivery: part,
      idempotency: part,
      resilience: part,
      contract: part,
    }),
  })
  .meta({ id: "Pattern" });

export const findingsResponse = page(
  z.object({
    rule: z.string(),
    title: z.string(),
    severity,
    integration: z.string().nullable(),
    journey: z.string().nullable(),
    message: z.string(),
    remediation: z.string(),
    waived: z.boolean(),
    waiver: z.object({ id: z.string(), reason: z.string(), expiresAt: isoDateTime, decision: z.number().int().nullable() }).nullable(),
    team: z.string().nullable(),
  }),
).extend({
  counts,
  /** With groupBy: every group's counts over all pages, most open errors first. */
  groups: z.array(z.object({ key: z.string().nullable(), total: z.number().int(), waived: z.number().int(), open: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }) })).optional(),
  /** With limit or cursor: the findings matching the filters, over all pages. */
  total: z.number().int().optional(),
});

export const waiverResponse = z
  .object({
    id: z.string(),
    rule: z.string(),
    integration: z.string(),
    reason: z.string(),
    expiresAt: isoDateTime,
    decision: z.number().int().nullable(),
    grantedBy: z.string(),
    createdAt: isoDateTime,
    revokedAt: nullableDateTime,
    revokedBy: z.string().nullable(),
    state: z.enum(["active", "expired", "revoked"]),
  })
  .meta({ id: "Waiver" });

const level = z.string().describe("Scorecard level (bronze, silver, gold)");
export const scorecardResponse = z.object({
  team: z.string(),
  teamName: z.string(),
  total: z.number().int(),
  passing: z.number().int(),
  passingPercent: z.number(),
  level,
  counts,
  trend: z.array(z.object({ day: isoDate, passingPercent: z.number(), level })),
});
