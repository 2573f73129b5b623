// Blueprints where the caller waits for an answer: a plain synchronous call made safe, a synchronous
// acknowledgement with the work done afterwards, a read served through a cache, and request–reply
// carried over a broker.
import type { PatternBlueprint } from "./types";

const openapi = { format: "openapi", ref: null, version: "1.0.0", compatibility: "backward" } as const;
const slo = { successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 };
/** One retry after a short jittered wait, and a breaker that opens when half of 20+ calls fail. */
const guardedCall = {
  retries: { maxAttempts: 2, backoff: "exponential", baseDelayMs: 50, maxDelayMs: 200, jitter: true },
  circuitBreaker: { failureRatePercent: 50, minimumCalls: 20, openMs: 30_000 },
} as const;

export const syncRequest: PatternBlueprint = {
  name: "sync-request",
  title: "Synchronous request with timeout, retries, breaker and fallback",
  summary:
    "The caller needs the answer to continue, so it waits — but never unboundedly: a timeout just above the callee's p99, one retry with jittered backoff on an idempotent operation, a circuit breaker that stops waiting on a callee that is down, and a fallback that decides what the user gets instead of an error.",
  whenToUse: [
    "The user's next screen depends on the answer (a price, an authorization, a validation).",
    "The callee answers in tens of milliseconds at p99 and is owned by a team that holds that budget.",
    "The operation is idempotent, or can be made so with an idempotency key, so a retry after a timeout is safe.",
  ],
  avoidWhen: [
    "The work can finish after the user has moved on (emails, ledgers, search indexing): take it off the request path.",
    "The journey already has four synchronous hops: each one more multiplies failure and adds tail latency.",
    "Nothing sensible can be served when the callee is down: then the breaker only fails faster, and the design question is upstream.",
  ],
  gains: ["An immediate, strongly consistent answer.", "Failures surface to the caller at once, where they can be handled or shown.", "Simple to reason about, trace and test."],
  costs: [
    "The callee's latency and failures sit on the caller's critical path: budgets compose.",
    "Retries multiply load exactly when the callee struggles; they need backoff, jitter and a small bound.",
    "Availability is the product of every synchronous dependency's availability.",
  ],
  satisfies: [
    "sync-timeout-declared",
    "sync-timeout-fits-budgets",
    "retry-envelope-fits-budget",
    "retry-backoff-jitter",
    "retry-requires-idempotency",
    "critical-journey-breaker-fallback",
    "contract-versioned",
    "pattern-honoured",
  ],
  traits: [
    { field: "style", expects: "a synchronous call (style sync)", holds: (d) => d.style === "sync" },
    { field: "resilience.timeoutMs", expects: "a timeout", holds: (d) => d.resilience?.timeoutMs != null },
    { field: "resilience.circuitBreaker", expects: "a circuit breaker", holds: (d) => d.resilience?.circuitBreaker != null },
    { field: "resilience.fallback", expects: "a fallback for when the breaker is open", holds: (d) => Boolean(d.resilience?.fallback) },
  ],
  defaults: {
    style: "sync",
    protocol: "http",
    criticality: "high",
    lifecycle: "active",
    migration: null,
    budget: { p50Ms: 40, p95Ms: 120, p99Ms: 250 },
    slo: { ...slo, successTargetPercent: 99.95 },
    consistency: { model: "strong", stalenessBoundMs: null },
    delivery: null,
    idempotency: { strategy: "key", key: "Idempotency-Key header" },
    resilience: {
      timeoutMs: 300,
      ...guardedCall,
      fallback: "Serve a degraded answer (last known value or a safe default) and flag the response as degraded",
      concurrencyLimit: 200,
    },
    contract: openapi,
  },
};

export const hybridAcknowledge: PatternBlueprint = {
  name: "hybrid-acknowledge",
  title: "Synchronous acknowledgement with an asynchronous follow-up",
  summary:
    "The caller gets a fast, durable 202-style acknowledgement (the request is accepted and will be done), and the slow or failure-prone work continues asynchronously. Progress is a resource with explicit substates — accepted → processing → completed | failed — that the caller polls or is notified about.",
  whenToUse: [
    "The user must know the request was taken (an order placed, a payout requested) but not wait for every step behind it.",
    "The follow-up involves slow partners, batch windows or manual steps whose latency you cannot promise synchronously.",
    "You are moving a synchronous step off the critical path and need the caller's contract to stay request/response.",
  ],
  avoidWhen: [
    "The caller cannot proceed without the final outcome: the acknowledgement only hides the wait.",
    "Nobody will build the progress view or notification: users then retry an accepted request by hand.",
  ],
  gains: [
    "The critical path carries only the acknowledgement's latency; the follow-up's variance is absorbed by the queue.",
    "The follow-up can retry patiently with backoff instead of within a user's timeout.",
    "Overload becomes a backlog rather than errors.",
  ],
  costs: [
    "Two contracts to keep (the acknowledgement and the progress events) and a state machine of substates to design.",
    "The outcome is eventually consistent: the caller sees 'processing' before 'completed', and must be told if it later fails.",
    "The acknowledgement must be idempotent, or a client's retry creates a second piece of work.",
  ],
  satisfies: [
    "sync-timeout-declared",
    "sync-timeout-fits-budgets",
    "retry-envelope-fits-budget",
    "retry-backoff-jitter",
    "retry-requires-idempotency",
    "critical-journey-breaker-fallback",
    "at-least-once-idempotent",
    "async-dead-letter-queue",
    "ordering-is-achievable",
    "strong-consistency-async",
    "contract-versioned",
    "pattern-honoured",
  ],
  traits: [
    { field: "style", expects: "a synchronous acknowledgement with an asynchronous follow-up (style hybrid)", holds: (d) => d.style === "hybrid" },
    { field: "delivery", expects: "the follow-up's delivery guarantee", holds: (d) => d.delivery != null },
    { field: "idempotency", expects: "an idempotent acknowledgement (strategy key or natural)", holds: (d) => d.idempotency != null && d.idempotency.strategy !== "none" },
    { field: "consistency.model", expects: "the follow-up's outcome to be read as eventually consistent, not strong", holds: (d) => d.consistency?.model !== "strong" },
  ],
  defaults: {
    style: "hybrid",
    protocol: "http",
    criticality: "high",
    lifecycle: "active",
    migration: null,
    budget: { p50Ms: 30, p95Ms: 100, p99Ms: 200 },
    slo,
    consistency: { model: "eventual", stalenessBoundMs: 30_000 },
    delivery: { guarantee: "at-least-once", ordering: "per-key", orderingKey: "requestId", deadLetterQueue: "follow-up.dlq" },
    idempotency: { strategy: "key", key: "Idempotency-Key header (the request id)" },
    resilience: {
      timeoutMs: 250,
      ...guardedCall,
      fallback: "Accept into a local durable queue and answer 202 with status 'accepted'",
      concurrencyLimit: 200,
    },
    contract: openapi,
  },
};

export const cacheAside: PatternBlueprint = {
  name: "cache-aside",
  title: "Cache-aside read with stale fallback",
  summary:
    "Reads go to a cache first and to the owning service on a miss, which then fills the cache. When the owner is slow or down, the breaker opens and the caller serves the last cached value within a declared staleness bound rather than failing.",
  whenToUse: [
    "Read-heavy data that changes far less often than it is read (catalogue, prices, profiles, feature configuration).",
    "A stale answer, labelled as such, is better for the user than no answer.",
    "The owner's p99 is too slow or too variable for the caller's budget, but its p50 is fine.",
  ],
  avoidWhen: [
    "Readers must see their own or everyone's latest writes (balances, stock at checkout): a cache cannot be strongly consistent.",
    "The key space is so large or uniform that the hit rate will be low: you pay for two lookups on most reads.",
  ],
  gains: ["Most reads answer in single-digit milliseconds.", "The owner's outages degrade to staleness instead of errors.", "The owner's load drops to the miss rate."],
  costs: [
    "Readers see data up to the staleness bound old; invalidation is the hard part and must be designed.",
    "Cold caches and synchronised expiry cause stampedes on the owner (use jittered TTLs and request coalescing).",
    "The p99 is the miss path's latency: budget for it, not for the hit.",
  ],
  satisfies: [
    "sync-timeout-declared",
    "sync-timeout-fits-budgets",
    "retry-envelope-fits-budget",
    "retry-backoff-jitter",
    "retry-requires-idempotency",
    "critical-journey-breaker-fallback",
    "contract-versioned",
    "pattern-honoured",
  ],
  traits: [
    { field: "style", expects: "a synchronous read (style sync)", holds: (d) => d.style === "sync" },
    { field: "consistency.model", expects: "eventual consistency with a staleness bound (a cache is never strongly consistent)", holds: (d) => d.consistency?.model === "eventual" },
    { field: "resilience.fallback", expects: "the stale value as the fallback", holds: (d) => Boolean(d.resilience?.fallback) },
  ],
  defaults: {
    style: "sync",
    protocol: "http",
    criticality: "medium",
    lifecycle: "active",
    migration: null,
    budget: { p50Ms: 5, p95Ms: 40, p99Ms: 120 },
    slo,
    consistency: { model: "eventual", stalenessBoundMs: 300_000 },
    delivery: null,
    idempotency: { strategy: "natural", key: null },
    resilience: {
      timeoutMs: 150,
      retries: { maxAttempts: 2, backoff: "exponential", baseDelayMs: 20, maxDelayMs: 100, jitter: true },
      circuitBreaker: { failureRatePercent: 50, minimumCalls: 20, openMs: 15_000 },
      fallback: "Serve the cached value even past its TTL, up to the staleness bound, marked stale",
      concurrencyLimit: null,
    },
    contract: openapi,
  },
};

export const requestReplyMessaging: PatternBlueprint = {
  name: "request-reply-messaging",
  title: "Request–reply over messaging",
  summary:
    "The requester publishes a command carrying a correlation id and a reply-to address, and waits — with a deadline — for the reply on its own queue. The broker decouples the two sides' availability and lets responders scale as competing consumers, while the requester still gets an answer.",
  whenToUse: [
    "The responder sits behind a broker already (mainframe adapters, partner gateways, workers in another network zone).",
    "Responders are pooled and scaled by queue depth rather than by a load balancer.",
    "Requests may outlive a connection, and the requester can wait seconds rather than milliseconds.",
  ],
  avoidWhen: [
    "A plain synchronous call would do: request–reply over a broker adds two hops and a reply queue per requester.",
    "The requester cannot tolerate the broker's extra latency on a user-facing path.",
  ],
  gains: [
    "Neither side needs to know where the other runs; responders scale with queue depth.",
    "A slow responder builds a backlog instead of holding the requester's connections.",
  ],
  costs: [
    "The requester still waits: the deadline is on its critical path, and late replies must be discarded by correlation id.",
    "Messages expire at the deadline (at-most-once): a lost request is retried by the requester, so the command must be idempotent.",
    "Harder to trace than a call: propagate the trace context in the message headers.",
  ],
  satisfies: ["retry-backoff-jitter", "retry-requires-idempotency", "async-dead-letter-queue", "strong-consistency-async", "contract-versioned", "pattern-honoured"],
  traits: [
    { field: "style", expects: "a command over a broker (style async-command or async-queue)", holds: (d) => d.style === "async-command" || d.style === "async-queue" },
    { field: "resilience.timeoutMs", expects: "a reply deadline (timeout)", holds: (d) => d.resilience?.timeoutMs != null },
    { field: "idempotency.strategy", expects: "a correlation id as idempotency key", holds: (d) => d.idempotency?.strategy === "key" },
  ],
  defaults: {
    style: "async-command",
    protocol: "amqp",
    criticality: "medium",
    lifecycle: "active",
    migration: null,
    budget: { p50Ms: 100, p95Ms: 500, p99Ms: 1_500 },
    slo,
    consistency: { model: "eventual", stalenessBoundMs: 2_000 },
    delivery: { guarantee: "at-most-once", ordering: "none", orderingKey: null, deadLetterQueue: null },
    idempotency: { strategy: "key", key: "correlation-id message header" },
    resilience: {
      timeoutMs: 2_000,
      retries: { maxAttempts: 2, backoff: "exponential", baseDelayMs: 200, maxDelayMs: 1_000, jitter: true },
      circuitBreaker: null,
      fallback: null,
      concurrencyLimit: 50,
    },
    contract: { format: "asyncapi", ref: null, version: "1.0.0", compatibility: "backward" },
  },
};

export const requestResponsePatterns = [syncRequest, hybridAcknowledge, cacheAside, requestReplyMessaging];
