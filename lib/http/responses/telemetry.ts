// What the telemetry reads answer: latency series, exemplars, heatmap, SLO status, drift, observed edges.
import { z } from "zod";
import { BURN_WINDOWS } from "@/lib/slo/burn-rate";
import { isoDate, isoDateTime, nullableDateTime, page } from "./common";

const resolution = z.enum(["minute", "hour", "day"]);
const msOrNull = z.number().nullable();
const budget = z.object({ p50Ms: msOrNull, p95Ms: msOrNull, p99Ms: z.number() });

export const latencyResponse = z.object({
  budget,
  resolution,
  series: z.array(
    z.object({
      t: isoDateTime,
      count: z.number().int(),
      errors: z.number().int(),
      p50: msOrNull,
      p95: msOrNull,
      p99: msOrNull,
      attempts: z.number().int(),
      logicalCalls: z.number().int(),
      maxAttempts: z.number().int(),
      throttled: z.number().int(),
      partialMs: z.number().optional().describe("Only on a step still filling: how much of it has elapsed"),
    }),
  ),
  approximate: z.boolean(),
});

export const exemplarsResponse = z.object({
  items: z.array(z.object({ traceId: z.string(), spanId: z.string(), durationMs: z.number(), at: isoDateTime, error: z.boolean() })),
  traceUrlTemplate: z.string().nullable(),
  resolution,
});

export const heatmapResponse = z.object({
  resolution,
  stepMs: z.number().int(),
  bandsMs: z.array(z.number()),
  columns: z.array(z.object({ t: isoDateTime, count: z.number().int(), counts: z.array(z.number().int()) })),
  maxCount: z.number().int(),
  approximate: z.boolean(),
});

const burnWindow = z.enum(BURN_WINDOWS);
const objective = z.object({
  targetPercent: z.number(),
  good: z.number(),
  total: z.number(),
  compliancePercent: z.number().nullable(),
  remainingPercent: z.number().nullable(),
  remainingCalls: z.number().nullable(),
  burnRates: z.object(Object.fromEntries(BURN_WINDOWS.map((w) => [w, z.number()])) as Record<(typeof BURN_WINDOWS)[number], z.ZodNumber>).describe("Burn rate per window"),
  alert: z.object({
    state: z.enum(["ok", "ticket", "page"]),
    reason: z.string().nullable(),
    thresholds: z.array(z.object({ severity: z.enum(["page", "ticket"]), long: burnWindow, short: burnWindow, factor: z.number() })),
  }),
  burnDown: z.array(z.object({ t: isoDateTime, remainingPercent: z.number().nullable(), remainingCalls: z.number().nullable() })),
});

export const sloResponse = z.object({ windowDays: z.number().int(), availability: objective, latency: objective.extend({ thresholdMs: z.number() }), exact: z.boolean() });

export const driftResponse = z.object({
  generatedAt: isoDateTime,
  items: z.array(
    z.object({
      key: z.string(),
      sourceService: z.string(),
      targetService: z.string(),
      team: z.string(),
      budgetP99Ms: z.number(),
      baselineP99Ms: msOrNull,
      recent24hP99Ms: msOrNull,
      recent7dP99Ms: msOrNull,
      changeMs: msOrNull,
      changePercent: z.number().nullable(),
      slopePercentPerDay: z.number().nullable(),
      driftingSince: isoDate.nullable(),
      lastEpisode: z.object({ since: isoDate, until: isoDate }).nullable(),
      projectedBreachAt: isoDate.nullable(),
      daysToBreach: z.number().nullable(),
      overBudget: z.boolean(),
      daily: z.array(z.object({ day: isoDate, p99Ms: msOrNull, count: z.number().int() })),
      silentSince: nullableDateTime,
      annotations: z.array(z.object({ at: isoDateTime, day: isoDate, kind: z.string(), title: z.string(), link: z.string().nullable(), nearChange: z.boolean() })),
    }),
  ),
});

export const observedEdgesResponse = page(
  z.object({
    source: z.string(),
    target: z.string(),
    sourceService: z.string().nullable(),
    targetService: z.string().nullable(),
    firstSeen: isoDateTime,
    lastSeen: isoDateTime,
    calls: z.number().int(),
    errors: z.number().int(),
    p99Ms: msOrNull,
  }),
).extend({ silent: z.array(z.object({ key: z.string(), lastSeen: isoDateTime })) });

/** Export…ServiceResponse in OTLP/JSON: partialSuccess only when something was rejected (counts are int64 strings). */
export function otlpResponse(rejectedField: "rejectedSpans" | "rejectedDataPoints" | "rejectedLogRecords") {
  return z.object({ partialSuccess: z.object({ [rejectedField]: z.string().describe("int64, as OTLP/JSON writes it"), errorMessage: z.string() }).optional() });
}

export const otlpTracesResponse = otlpResponse("rejectedSpans");
export const otlpMetricsResponse = otlpResponse("rejectedDataPoints");
export const otlpLogsResponse = otlpResponse("rejectedLogRecords");
