// Blueprints where the producer does not wait: an event published through a transactional outbox,
// a command queue drained by competing consumers, a saga of local transactions with compensations,
// and a partitioned stream ordered per key.
import type { IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import type { PatternBlueprint, PatternTrait } from "./types";

const slo = { successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 };
const consumerRetries = { maxAttempts: 5, backoff: "exponential", baseDelayMs: 200, maxDelayMs: 10_000, jitter: true } as const;

const atLeastOnce: PatternTrait = {
  field: "delivery.guarantee",
  expects: "at-least-once (or effectively-once) delivery",
  holds: (d) => d.delivery?.guarantee === "at-least-once" || d.delivery?.guarantee === "effectively-once",
};
const withDlq: PatternTrait = { field: "delivery.deadLetterQueue", expects: "a dead-letter queue", holds: (d) => Boolean(d.delivery?.deadLetterQueue) };
const idempotentConsumer: PatternTrait = {
  field: "idempotency",
  expects: "an idempotent consumer (strategy key or natural)",
  holds: (d: IntegrationDeclaration) => d.idempotency != null && d.idempotency.strategy !== "none",
};
const notStrong: PatternTrait = { field: "consistency.model", expects: "eventual (not strong) consistency across the broker", holds: (d) => d.consistency?.model !== "strong" };

export const eventOutbox: PatternBlueprint = {
  name: "event-outbox",
  title: "Event with transactional outbox, at-least-once delivery, idempotent consumer and DLQ",
  summary:
    "The producer writes the event into an outbox table in the same database transaction as the state change, and a relay publishes it afterwards. Nothing is published for a rolled-back change and nothing is lost for a committed one; the price is duplicates, which the consumer absorbs by recording the event ids it has applied.",
  whenToUse: [
    "Other services must learn about a state change (order placed, payment captured) and a lost or phantom event would be a business error.",
    "The producer's own write and the notification must not disagree — the dual-write problem.",
    "Consumers can act seconds later rather than within the producer's request.",
  ],
  avoidWhen: [
    "The producer needs the consumer's outcome to answer its caller: that is a call (or a hybrid), not an event.",
    "The producer has no transactional store to hold the outbox; use change data capture from the store it has instead.",
  ],
  gains: [
    "No dual write: the event exists if and only if the change committed.",
    "The consumer's latency and outages never reach the producer's request path.",
    "New consumers subscribe without the producer changing.",
  ],
  costs: [
    "Duplicates are certain (relay restarts, redeliveries): every consumer must be idempotent, keyed by event id.",
    "Readers of the consumer's state see it late, by up to the delivery lag: declare that staleness.",
    "An outbox relay to run and watch; events must be versioned like any other contract.",
  ],
  satisfies: ["at-least-once-idempotent", "async-dead-letter-queue", "ordering-is-achievable", "strong-consistency-async", "retry-backoff-jitter", "retry-requires-idempotency", "contract-versioned", "pattern-honoured"],
  traits: [{ field: "style", expects: "an asynchronous event (style async-event)", holds: (d) => d.style === "async-event" }, atLeastOnce, withDlq, idempotentConsumer, notStrong],
  defaults: {
    style: "async-event",
    protocol: "kafka",
    criticality: "high",
    lifecycle: "active",
    migration: null,
    budget: { p50Ms: 200, p95Ms: 1_000, p99Ms: 5_000 },
    slo,
    consistency: { model: "eventual", stalenessBoundMs: 10_000 },
    delivery: { guarantee: "at-least-once", ordering: "per-key", orderingKey: "aggregateId", deadLetterQueue: "events.dlq" },
    idempotency: { strategy: "key", key: "event id (stored in the consumer's processed-events table)" },
    resilience: { timeoutMs: null, retries: consumerRetries, circuitBreaker: null, fallback: null, concurrencyLimit: null },
    contract: { format: "asyncapi", ref: null, version: "1.0.0", compatibility: "backward" },
  },
};

export const commandQueue: PatternBlueprint = {
  name: "command-queue",
  title: "Command queue with competing consumers",
  summary:
    "Work items are sent to one queue and a pool of identical consumers takes them one at a time; throughput scales with the number of consumers and the queue absorbs bursts. Each command is acknowledged only after it has been handled, so a crashed consumer's work goes back to the queue.",
  whenToUse: [
    "Independent units of work (render a document, send a notification, resize an image) that take longer than a request should.",
    "Load arrives in bursts and should be smoothed to what the downstream can take (the concurrency limit).",
  ],
  avoidWhen: [
    "Commands for the same entity must be applied in order: competing consumers reorder them (use a keyed stream).",
    "The sender needs the result: use request–reply or a hybrid acknowledgement.",
  ],
  gains: ["Horizontal scaling by adding consumers; bursts become queue depth, not errors.", "A slow or failed consumer delays work, it does not lose it."],
  costs: [
    "No ordering between commands; a redelivered command may run after a later one.",
    "Visibility timeouts cause redelivery of slow work: handlers must be idempotent.",
    "Queue age is the latency to watch: alert on the oldest message, not only on depth.",
  ],
  satisfies: ["at-least-once-idempotent", "async-dead-letter-queue", "ordering-is-achievable", "strong-consistency-async", "retry-backoff-jitter", "retry-requires-idempotency", "contract-versioned", "pattern-honoured"],
  traits: [
    { field: "style", expects: "a queued command (style async-command or async-queue)", holds: (d) => d.style === "async-command" || d.style === "async-queue" },
    { field: "delivery.ordering", expects: "no total ordering (competing consumers cannot keep it)", holds: (d) => d.delivery?.ordering !== "total" },
    atLeastOnce,
    withDlq,
    idempotentConsumer,
  ],
  defaults: {
    style: "async-queue",
    protocol: "sqs",
    criticality: "medium",
    lifecycle: "active",
    migration: null,
    budget: { p50Ms: 500, p95Ms: 5_000, p99Ms: 30_000 },
    slo,
    consistency: { model: "eventual", stalenessBoundMs: 60_000 },
    delivery: { guarantee: "at-least-once", ordering: "none", orderingKey: null, deadLetterQueue: "commands.dlq" },
    idempotency: { strategy: "key", key: "command id" },
    resilience: { timeoutMs: null, retries: consumerRetries, circuitBreaker: null, fallback: null, concurrencyLimit: 20 },
    contract: { format: "json-schema", ref: null, version: "1.0.0", compatibility: "backward" },
  },
};

export const saga: PatternBlueprint = {
  name: "saga",
  title: "Saga with compensating actions",
  summary:
    "A business transaction that spans services runs as a sequence of local transactions, each triggered by a command or event. When a later step fails, the steps already done are undone by compensating actions (release the reservation, refund the charge) rather than by a distributed lock or two-phase commit.",
  whenToUse: [
    "One business operation changes data owned by several services (reserve stock, take payment, book shipping).",
    "Each step can be semantically undone, and the business accepts a window where the steps disagree.",
  ],
  avoidWhen: [
    "A step cannot be compensated (an email sent, goods shipped): put it last, after the pivot, or redesign.",
    "The data belongs in one service: a local transaction is simpler than any saga.",
  ],
  gains: ["No distributed locks: each service keeps its own transaction and availability.", "Failures have a defined business outcome instead of a half-done state."],
  costs: [
    "Intermediate states are visible: other readers may see stock reserved for an order that will be cancelled.",
    "Every step and every compensation must be idempotent and retried until it succeeds.",
    "The orchestration (or choreography) is a state machine to test, monitor and explain.",
  ],
  satisfies: ["at-least-once-idempotent", "async-dead-letter-queue", "ordering-is-achievable", "strong-consistency-async", "retry-backoff-jitter", "retry-requires-idempotency", "contract-versioned", "pattern-honoured"],
  traits: [
    { field: "style", expects: "asynchronous steps (style async-command or async-event)", holds: (d) => d.style === "async-command" || d.style === "async-event" },
    { field: "resilience.fallback", expects: "the compensating action as the fallback", holds: (d) => Boolean(d.resilience?.fallback) },
    atLeastOnce,
    idempotentConsumer,
    notStrong,
  ],
  defaults: {
    style: "async-command",
    protocol: "kafka",
    criticality: "high",
    lifecycle: "active",
    migration: null,
    budget: { p50Ms: 300, p95Ms: 2_000, p99Ms: 10_000 },
    slo,
    consistency: { model: "eventual", stalenessBoundMs: 60_000 },
    delivery: { guarantee: "at-least-once", ordering: "per-key", orderingKey: "sagaId", deadLetterQueue: "saga.dlq" },
    idempotency: { strategy: "key", key: "sagaId + step" },
    resilience: { timeoutMs: null, retries: consumerRetries, circuitBreaker: null, fallback: "Run the compensating action of every completed step, in reverse order", concurrencyLimit: null },
    contract: { format: "asyncapi", ref: null, version: "1.0.0", compatibility: "backward" },
  },
};

export const keyedStream: PatternBlueprint = {
  name: "keyed-stream",
  title: "Stream with per-key ordering",
  summary:
    "Records are appended to a partitioned log and routed by a key (account, order, device), so every record for one key is read in the order it was written while different keys are processed in parallel. Consumers track their offsets and can replay history.",
  whenToUse: [
    "Changes to the same entity must be applied in order (balance movements, order status, device telemetry).",
    "Several consumers need the same history, including ones that join later and replay it.",
  ],
  avoidWhen: [
    "Ordering is needed across all keys: a partitioned log cannot give total order at scale.",
    "A hot key would take most of the traffic: one partition caps its throughput.",
  ],
  gains: ["Per-key order with parallelism across keys.", "Replay: rebuild a read model or add a consumer from the retained log."],
  costs: [
    "A poison record blocks its partition until it is sent to the dead-letter queue.",
    "Repartitioning changes which partition a key lands on; plan the key and the partition count up front.",
    "Redelivery after a consumer restart replays from the last committed offset: apply records idempotently.",
  ],
  satisfies: ["at-least-once-idempotent", "async-dead-letter-queue", "ordering-is-achievable", "strong-consistency-async", "retry-backoff-jitter", "retry-requires-idempotency", "contract-versioned", "pattern-honoured"],
  traits: [
    { field: "style", expects: "a stream (style stream)", holds: (d) => d.style === "stream" },
    { field: "delivery.ordering", expects: "per-key ordering", holds: (d) => d.delivery?.ordering === "per-key" },
    atLeastOnce,
    withDlq,
    idempotentConsumer,
    notStrong,
  ],
  defaults: {
    style: "stream",
    protocol: "kafka",
    criticality: "high",
    lifecycle: "active",
    migration: null,
    budget: { p50Ms: 50, p95Ms: 500, p99Ms: 2_000 },
    slo,
    consistency: { model: "eventual", stalenessBoundMs: 5_000 },
    delivery: { guarantee: "at-least-once", ordering: "per-key", orderingKey: "entityId", deadLetterQueue: "stream.dlq" },
    idempotency: { strategy: "key", key: "partition + offset (or the record's sequence number per key)" },
    resilience: { timeoutMs: null, retries: consumerRetries, circuitBreaker: null, fallback: null, concurrencyLimit: null },
    contract: { format: "avro", ref: null, version: "1.0.0", compatibility: "full" },
  },
};

export const messagingPatterns = [eventOutbox, commandQueue, saga, keyedStream];
