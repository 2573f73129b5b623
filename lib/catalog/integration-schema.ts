// The integration-point declaration: one zod schema for the form, the API and YAML import, with the
// coherence rules that make a declaration mean something (budgets ordered, semantics that fit the style).
import { z } from "zod";
import { patternNames } from "@/lib/governance/patterns";

export const styles = ["sync", "async-event", "async-command", "async-queue", "stream", "hybrid"] as const;
export const asyncStyles = ["async-event", "async-command", "async-queue", "stream"] as const;
export const criticalities = ["critical", "high", "medium", "low"] as const;
export const lifecycles = ["proposed", "active", "migrating", "deprecated", "retired"] as const;
export const consistencyModels = ["strong", "read-your-writes", "causal", "eventual"] as const;
export const deliveryGuarantees = ["at-most-once", "at-least-once", "effectively-once"] as const;
export const orderings = ["none", "per-key", "total"] as const;
export const idempotencyStrategies = ["key", "natural", "none"] as const;
export const backoffs = ["none", "fixed", "exponential"] as const;
export const contractFormats = ["openapi", "asyncapi", "protobuf", "avro", "json-schema", "graphql"] as const;
export const compatibilities = ["backward", "forward", "full", "none"] as const;
export const telemetrySides = ["client", "server"] as const;
/** Known protocols (suggested in forms); others are accepted when they look like a protocol name. */
export const knownProtocols = ["http", "grpc", "graphql", "kafka", "amqp", "sqs", "sns", "nats", "pulsar", "websocket", "kinesis", "eventbridge", "pubsub", "redis-streams", "mqtt"] as const;

export type Style = (typeof styles)[number];
export type Lifecycle = (typeof lifecycles)[number];
export type Criticality = (typeof criticalities)[number];

export const MAX_RETRY_ATTEMPTS = 10;
const MAX_MS = 24 * 60 * 60 * 1000;

export function isAsyncStyle(style: Style): boolean {
  return (asyncStyles as readonly string[]).includes(style);
}

/** Delivery, ordering and dead-letter queues only mean something where a message outlives the call. */
export function carriesMessages(style: Style): boolean {
  return isAsyncStyle(style) || style === "hybrid";
}

const ms = (what: string) => z.number({ error: `${what} must be a number of milliseconds` }).positive(`${what} must be greater than 0`).max(MAX_MS, `${what} must be at most 24 h`);
const percent = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .gt(0, `${what} must be strictly between 0 and 100`)
    .lt(100, `${what} must be strictly between 0 and 100`);
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
const serviceSlug = z.string().trim().min(1, "Choose a service").max(63).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Service slugs are lowercase words joined by hyphens");

export const budgetSchema = z.object({
  p50Ms: nullable(ms("p50")),
  p95Ms: nullable(ms("p95")),
  p99Ms: ms("p99"),
});

export const sloSchema = z.object({
  successTargetPercent: percent("The success target").default(99.9),
  latencyTargetPercent: percent("The latency SLO share").default(99),
  windowDays: z.number().int("The SLO window is a whole number of days").min(1, "The SLO window is 1 to 90 days").max(90, "The SLO window is 1 to 90 days").default(28),
});

export const consistencySchema = z.object({
  model: z.enum(consistencyModels),
  stalenessBoundMs: nullable(ms("The staleness bound")),
});

export const deliverySchema = z.object({
  guarantee: z.enum(deliveryGuarantees),
  ordering: z.enum(orderings).default("none"),
  orderingKey: optionalText(200),
  deadLetterQueue: optionalText(300),
});

export const idempotencySchema = z.object({
  strategy: z.enum(idempotencyStrategies),
  key: optionalText(200),
});

export const retriesSchema = z.object({
  maxAttempts: z.number().int().min(1, "Retries need at least 1 attempt").max(MAX_RETRY_ATTEMPTS, `Retries are bounded: at most ${MAX_RETRY_ATTEMPTS} attempts`),
  backoff: z.enum(backoffs).default("exponential"),
  baseDelayMs: nullable(z.number().min(0, "The base delay cannot be negative").max(MAX_MS)),
  maxDelayMs: nullable(z.number().min(0, "The maximum delay cannot be negative").max(MAX_MS)),
  jitter: z.boolean().default(false),
});

export const circuitBreakerSchema = z.object({
  failureRatePercent: percent("The breaker's failure rate"),
  minimumCalls: z.number().int().min(1, "The breaker needs at least 1 call before it can open").max(1_000_000),
  openMs: ms("The breaker's open time"),
});

export const resilienceSchema = z.object({
  timeoutMs: nullable(ms("The timeout")),
  retries: nullable(retriesSchema),
  circuitBreaker: nullable(circuitBreakerSchema),
  fallback: optionalText(1000),
  concurrencyLimit: nullable(z.number().int().min(1, "The concurrency limit must be at least 1").max(1_000_000)),
});

export const contractSchema = z.object({
  format: z.enum(contractFormats),
  ref: optionalText(1000),
  version: optionalText(50),
  compatibility: z.enum(compatibilities).default("backward"),
});

/** While migrating: where to and behind which flag; while deprecated: the date it should be gone by. */
export const migrationSchema = z.object({
  targetStyle: nullable(z.enum(styles)),
  featureFlag: optionalText(200),
  targetDate: z.iso
    .date({ error: "The target date is a calendar date, YYYY-MM-DD" })
    .nullish()
    .transform((v) => v ?? null),
});

export const telemetryMatchSchema = z.object({
  sourceName: optionalText(200),
  targetName: optionalText(200),
  operation: optionalText(300),
  side: z.enum(telemetrySides).default("client"),
});

const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "Tags are lowercase words (letters, digits, . _ -)");

export const keyPattern = /^[a-z0-9]+(-[a-z0-9]+)*->[a-z0-9]+(-[a-z0-9]+)*:[A-Za-z0-9._/-]+$/;

/** The default key: `source->target:operation`, readable and stable. */
export function integrationKey(source: string, target: string, operation: string): string {
  return `${source}->${target}:${operation}`;
}

const baseSchema = z.object({
  key: z
    .string()
    .trim()
    .max(200)
    .regex(keyPattern, "Keys look like source->target:operation (e.g. checkout->payments:authorize)")
    .nullish()
    .transform((v) => v ?? null),
  sourceService: serviceSlug,
  targetService: serviceSlug,
  operation: z.string().trim().min(1, "Name the operation (e.g. authorize, order-placed)").max(150).regex(/^[A-Za-z0-9._/-]+$/, "Operations are letters, digits and . _ / -"),
  style: z.enum(styles, { error: `Style is one of ${styles.join(", ")}` }),
  protocol: z.string().trim().toLowerCase().min(1, "Choose a protocol").max(40).regex(/^[a-z][a-z0-9+.-]*$/, "Protocols are lowercase names like http, grpc, kafka"),
  /** The blueprint the design follows (lib/governance/patterns); a rule checks the fields keep to it. */
  pattern: optionalText(63),
  criticality: z.enum(criticalities).default("medium"),
  lifecycle: z.enum(lifecycles).default("active"),
  migration: nullable(migrationSchema),
  budget: budgetSchema,
  slo: sloSchema.default({ successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 }),
  consistency: nullable(consistencySchema),
  delivery: nullable(deliverySchema),
  idempotency: nullable(idempotencySchema),
  resilience: nullable(resilienceSchema),
  contract: nullable(contractSchema),
  telemetry: nullable(telemetryMatchSchema),
  tags: z
    .array(tagSchema)
    .max(20, "At most 20 tags")
    .default([])
    .transform((t) => [...new Set(t)]),
  description: text(20_000).default(""),
});

type Base = z.output<typeof baseSchema>;
type Issue = { path: (string | number)[]; message: string };

/** The coherence rules, as a pure function so each can be tested on its own. */
export function coherenceIssues(d: Base): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const { p50Ms, p95Ms, p99Ms } = d.budget;
  if (p50Ms != null && p95Ms != null && p50Ms > p95Ms) add(["budget", "p95Ms"], "The p95 budget must be at least the p50 budget");
  if (p95Ms != null && p95Ms > p99Ms) add(["budget", "p99Ms"], "The p99 budget must be at least the p95 budget");
  if (p50Ms != null && p95Ms == null && p50Ms > p99Ms) add(["budget", "p99Ms"], "The p99 budget must be at least the p50 budget");

  if (d.pattern && !patternNames.includes(d.pattern)) add(["pattern"], `Unknown pattern ${d.pattern}; the patterns are ${patternNames.join(", ")}`);

  if (d.sourceService === d.targetService) add(["targetService"], "An integration connects two different services");

  if (d.delivery && !carriesMessages(d.style)) {
    add(["delivery"], "Delivery, ordering and dead-letter queues apply to asynchronous or hybrid styles only; clear them for a synchronous call");
  }
  if (d.delivery?.ordering === "per-key" && !d.delivery.orderingKey) add(["delivery", "orderingKey"], "Per-key ordering needs its ordering key (e.g. orderId)");
  if (d.consistency?.model === "eventual" && d.consistency.stalenessBoundMs == null) {
    add(["consistency", "stalenessBoundMs"], "Eventual consistency needs a staleness bound: how stale may a read be?");
  }
  if (d.idempotency?.strategy === "key" && !d.idempotency.key) add(["idempotency", "key"], "Name the idempotency key (e.g. Idempotency-Key header)");

  const retries = d.resilience?.retries;
  if (retries) {
    if (retries.backoff !== "none" && retries.baseDelayMs == null && retries.maxAttempts > 1) {
      add(["resilience", "retries", "baseDelayMs"], "Backoff needs a base delay");
    }
    if (retries.baseDelayMs != null && retries.maxDelayMs != null && retries.maxDelayMs < retries.baseDelayMs) {
      add(["resilience", "retries", "maxDelayMs"], "The maximum delay must be at least the base delay");
    }
    if (retries.backoff === "exponential" && retries.maxAttempts > 1 && retries.maxDelayMs == null) {
      add(["resilience", "retries", "maxDelayMs"], "Exponential backoff needs a maximum delay, or retries are unbounded in time");
    }
  }

  if (d.lifecycle === "migrating") {
    if (!d.migration?.targetStyle) add(["migration", "targetStyle"], "A migrating integration needs the style it is migrating to");
    else if (d.migration.targetStyle === d.style) add(["migration", "targetStyle"], "The migration's target style must differ from the current style");
  } else if (d.lifecycle === "deprecated") {
    if (d.migration?.targetStyle) add(["migration", "targetStyle"], "A deprecated integration is going away, not migrating: keep only its target date");
  } else if (d.migration) {
    add(["migration"], "A migration is only declared while migrating (or, with a target date, while deprecated)");
  }
  return issues;
}

export const integrationSchema = baseSchema.superRefine((d, ctx) => {
  for (const issue of coherenceIssues(d)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

export type IntegrationInput = z.input<typeof integrationSchema>;
export type IntegrationDeclaration = z.output<typeof integrationSchema> & { key: string };

/** Parses a declaration and fills the key when it was not given. */
export function parseDeclaration(input: unknown): IntegrationDeclaration {
  const d = integrationSchema.parse(input);
  return { ...d, key: d.key ?? integrationKey(d.sourceService, d.targetService, d.operation) };
}
