// Words for the catalog's enums and field paths, shared by the tables, the detail page, the form's
// error messages and the history diff, so a field is called the same thing everywhere.
import type { Criticality, Lifecycle, Style } from "@/lib/catalog/integration-schema";

export const styleLabels: Record<Style, string> = {
  sync: "Sync request/response",
  "async-event": "Async event",
  "async-command": "Async command",
  "async-queue": "Async queue",
  stream: "Stream",
  hybrid: "Hybrid (sync ack + async)",
};

export const criticalityLabels: Record<Criticality, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

export const lifecycleLabels: Record<Lifecycle, string> = {
  proposed: "Proposed",
  active: "Active",
  migrating: "Migrating",
  deprecated: "Deprecated",
  retired: "Retired",
};

/** Field paths (as zod and the diff name them) in words; unknown paths fall back to the path itself. */
export const fieldLabels: Record<string, string> = {
  key: "Key",
  sourceService: "Source service",
  targetService: "Target service",
  operation: "Operation",
  style: "Style",
  protocol: "Protocol",
  criticality: "Criticality",
  lifecycle: "Lifecycle",
  migration: "Migration",
  "migration.targetStyle": "Migrating to",
  "migration.featureFlag": "Feature flag",
  "migration.targetDate": "Target date",
  budget: "Latency budget",
  "budget.p50Ms": "p50 budget (ms)",
  "budget.p95Ms": "p95 budget (ms)",
  "budget.p99Ms": "p99 budget (ms)",
  "slo.successTargetPercent": "Success target (%)",
  "slo.latencyTargetPercent": "Latency SLO share (%)",
  "slo.windowDays": "SLO window (days)",
  consistency: "Consistency",
  "consistency.model": "Consistency model",
  "consistency.stalenessBoundMs": "Staleness bound (ms)",
  delivery: "Delivery",
  "delivery.guarantee": "Delivery guarantee",
  "delivery.ordering": "Ordering",
  "delivery.orderingKey": "Ordering key",
  "delivery.deadLetterQueue": "Dead-letter queue",
  idempotency: "Idempotency",
  "idempotency.strategy": "Idempotency strategy",
  "idempotency.key": "Idempotency key",
  resilience: "Resilience",
  "resilience.timeoutMs": "Timeout (ms)",
  "resilience.retries": "Retries",
  "resilience.retries.maxAttempts": "Max attempts",
  "resilience.retries.backoff": "Backoff",
  "resilience.retries.baseDelayMs": "Base delay (ms)",
  "resilience.retries.maxDelayMs": "Max delay (ms)",
  "resilience.retries.jitter": "Jitter",
  "resilience.circuitBreaker": "Circuit breaker",
  "resilience.circuitBreaker.failureRatePercent": "Breaker failure rate (%)",
  "resilience.circuitBreaker.minimumCalls": "Breaker minimum calls",
  "resilience.circuitBreaker.openMs": "Breaker open time (ms)",
  "resilience.fallback": "Fallback",
  "resilience.concurrencyLimit": "Concurrency limit",
  contract: "Contract",
  "contract.format": "Contract format",
  "contract.ref": "Contract reference",
  "contract.version": "Contract version",
  "contract.compatibility": "Compatibility",
  telemetry: "Telemetry match",
  "telemetry.sourceName": "Source name in telemetry",
  "telemetry.targetName": "Target name in telemetry",
  "telemetry.operation": "Span name in telemetry",
  "telemetry.side": "Measured on",
  tags: "Tags",
  description: "Description",
};

export const fieldLabel = (path: string) => fieldLabels[path] ?? path;

/** Declared milliseconds for people, never rounded: 250 ms, 1.5 s, 30 s, 5 min (the one duration formatter). */
export { formatDurationExact as formatMs } from "@/lib/format/duration";

export const integrationHref = (key: string) => `/catalog/${encodeURIComponent(key)}`;
