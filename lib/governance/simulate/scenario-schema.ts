// What a what-if asks for: per-integration changes to a journey's steps, and how many requests to
// simulate over which telemetry range. One schema for the API, the page's URL and stored evidence.
import { z } from "zod";
import { circuitBreakerSchema, MAX_RETRY_ATTEMPTS, retriesSchema, styles } from "@/lib/catalog/integration-schema";

export const MIN_REQUESTS = 1_000;
export const MAX_REQUESTS = 200_000;
export const DEFAULT_REQUESTS = 100_000;
export const DEFAULT_RANGE_DAYS = 7;
const MAX_MS = 24 * 60 * 60 * 1000;

const num = (what: string) => z.number({ error: `${what} must be a number` });

export const fallbackChangeSchema = z.union([
  z.boolean({ error: "fallback is true, false or {latencyMs}" }),
  z.object({ latencyMs: num("The fallback latency").min(0, "The fallback latency cannot be negative").max(MAX_MS, "The fallback latency must be at most 24 h") }),
]);

export const stepChangeSchema = z.object({
  integration: z.string({ error: "Each change names its integration (its key)" }).trim().min(1, "Each change names its integration (its key)").max(200),
  latencyScale: num("latencyScale").min(0, "latencyScale is between 0 and 100").max(100, "latencyScale is between 0 and 100").optional(),
  latencyShiftMs: num("latencyShiftMs").min(-MAX_MS, "latencyShiftMs must be within ±24 h").max(MAX_MS, "latencyShiftMs must be within ±24 h").optional(),
  errorRatePercent: num("errorRatePercent").min(0, "errorRatePercent is between 0 and 100").max(100, "errorRatePercent is between 0 and 100").optional(),
  /** null removes the timeout. */
  timeoutMs: num("timeoutMs").positive("timeoutMs must be greater than 0").max(MAX_MS, "timeoutMs must be at most 24 h").nullable().optional(),
  /** A number is the attempts in all (1 = no retries), keeping the declared backoff; null removes retries. */
  retries: z
    .union([z.number().int("retries is a whole number of attempts").min(1, "retries counts attempts: at least 1").max(MAX_RETRY_ATTEMPTS, `retries: at most ${MAX_RETRY_ATTEMPTS} attempts`), retriesSchema])
    .nullable()
    .optional(),
  /** null removes the breaker. */
  circuitBreaker: circuitBreakerSchema.nullable().optional(),
  fallback: fallbackChangeSchema.nullable().optional(),
  style: z.enum(styles, { error: `style is one of ${styles.join(", ")}` }).optional(),
});

export const scenarioSchema = z.object({
  changes: z.array(stepChangeSchema).max(50, "At most 50 changes").default([]),
});

export const simulateSchema = z
  .object({
    scenario: scenarioSchema.default({ changes: [] }),
    requests: z
      .number({ error: "requests must be a number" })
      .int("requests is a whole number")
      .min(MIN_REQUESTS, `requests is between ${MIN_REQUESTS} and ${MAX_REQUESTS}`)
      .max(MAX_REQUESTS, `requests is between ${MIN_REQUESTS} and ${MAX_REQUESTS}`)
      .default(DEFAULT_REQUESTS),
    seed: z.number({ error: "seed must be a number" }).int("seed is a whole number").min(0, "seed is between 0 and 2^32 − 1").max(4_294_967_295, "seed is between 0 and 2^32 − 1").default(1),
    from: z.iso.datetime({ offset: true, error: "from is an ISO-8601 date-time" }).optional(),
    to: z.iso.datetime({ offset: true, error: "to is an ISO-8601 date-time" }).optional(),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.scenario.changes.forEach((c, i) => {
      if (seen.has(c.integration)) ctx.addIssue({ code: "custom", path: ["scenario", "changes", i, "integration"], message: `${c.integration} is changed twice; merge the changes` });
      seen.add(c.integration);
    });
    if (b.from && b.to && Date.parse(b.from) >= Date.parse(b.to)) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
  });

export type StepChange = z.output<typeof stepChangeSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type SimulateInput = z.output<typeof simulateSchema>;
