// What the catalog routes answer: teams, services, integration points (the contract's JSON shape with
// its server fields), their history and chart annotations.
import { z } from "zod";
import { backoffs, compatibilities, consistencyModels, contractFormats, criticalities, deliveryGuarantees, idempotencyStrategies, lifecycles, orderings, styles, telemetrySides } from "@/lib/catalog/integration-schema";
import { integrationStatuses } from "@/lib/catalog/integration-statuses";
import { isoDate, isoDateTime, page } from "./common";

export const teamResponse = z.object({ slug: z.string(), name: z.string(), parent: z.string().nullable().describe("The parent team's slug (a Backstage Group's spec.parent)"), members: z.array(z.string()).optional(), serviceCount: z.number().int().optional() }).meta({ id: "Team" });

export const serviceResponse = z
  .object({
    slug: z.string(),
    name: z.string(),
    team: z.string().describe("The owning team's slug"),
    tier: z.number().int(),
    description: z.string(),
    links: z.array(z.object({ title: z.string(), url: z.string() })),
    telemetryName: z.string(),
    type: z.string().nullable().describe("Backstage spec.type (service, website, system…)"),
    lifecycle: z.string().nullable().describe("Backstage spec.lifecycle (experimental, production, deprecated…)"),
    system: z.string().nullable().describe("The Backstage system it belongs to"),
    tags: z.array(z.string()),
  })
  .meta({ id: "Service" });

const ms = z.number().describe("milliseconds");
const text = z.string().nullable();
const budget = z.object({ p50Ms: ms.nullable(), p95Ms: ms.nullable(), p99Ms: ms });

/** The declaration's fields as stored (every optional part present, null when absent). */
export const declarationFields = {
  style: z.enum(styles),
  protocol: z.string(),
  pattern: text,
  criticality: z.enum(criticalities),
  lifecycle: z.enum(lifecycles),
  migration: z.object({ targetStyle: z.enum(styles).nullable(), featureFlag: text, targetDate: isoDate.nullable() }).nullable(),
  budget,
  slo: z.object({ successTargetPercent: z.number(), latencyTargetPercent: z.number(), windowDays: z.number().int() }),
  consistency: z.object({ model: z.enum(consistencyModels), stalenessBoundMs: ms.nullable() }).nullable(),
  delivery: z.object({ guarantee: z.enum(deliveryGuarantees), ordering: z.enum(orderings), orderingKey: text, deadLetterQueue: text }).nullable(),
  idempotency: z.object({ strategy: z.enum(idempotencyStrategies), key: text }).nullable(),
  resilience: z
    .object({
      timeoutMs: ms.nullable(),
      retries: z.object({ maxAttempts: z.number().int(), backoff: z.enum(backoffs), baseDelayMs: ms.nullable(), maxDelayMs: ms.nullable(), jitter: z.boolean() }).nullable(),
      circuitBreaker: z.object({ failureRatePercent: z.number(), minimumCalls: z.number().int(), openMs: ms }).nullable(),
      fallback: text,
      concurrencyLimit: z.number().int().nullable(),
    })
    .nullable(),
  contract: z.object({ format: z.enum(contractFormats), ref: text, version: text, compatibility: z.enum(compatibilities) }).nullable(),
  telemetry: z.object({ sourceName: text, targetName: text, operation: text, side: z.enum(telemetrySides) }).nullable(),
} as const;

export const integrationResponse = z
  .object({
    id: z.string(),
    key: z.string(),
    sourceService: z.string(),
    targetService: z.string(),
    operation: z.string(),
    ...declarationFields,
    tags: z.array(z.string()),
    description: z.string().describe("Markdown"),
    ownerTeam: z.string(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    status: z.enum(integrationStatuses),
  })
  .meta({ id: "Integration" });

export const integrationPageResponse = page(integrationResponse).extend({ total: z.number().int().describe("Matches over all pages") });

const fieldChange = z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }).describe("One changed field; before/after absent where the field was absent");
export const fieldChanges = z.array(fieldChange);

export const historyResponse = page(z.object({ at: isoDateTime, actor: z.string(), action: z.string(), changes: fieldChanges }));

export const annotationResponse = z.object({ id: z.string(), at: isoDateTime, kind: z.string(), title: z.string(), link: z.string().nullable(), integrations: z.array(z.string()) }).meta({ id: "Annotation" });
