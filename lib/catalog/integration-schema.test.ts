import { describe, expect, it } from "vitest";
import { integrationKey, integrationSchema, parseDeclaration } from "./integration-schema";

const sync = {
  sourceService: "checkout",
  targetService: "payments",
  operation: "authorize",
  style: "sync",
  protocol: "grpc",
  budget: { p50Ms: 40, p95Ms: 120, p99Ms: 250 },
};
const async = { ...sync, operation: "order-placed", style: "async-event", protocol: "kafka" };

/** The messages zod reports for an input, as "path: message". */
function problems(input: unknown): string[] {
  const result = integrationSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("integration declaration defaults", () => {
  it("fills the key, defaults and nulls for absent optional parts", () => {
    const d = parseDeclaration(sync);
    expect(d).toEqual({
      ...sync,
      key: "checkout->payments:authorize",
      pattern: null,
      criticality: "medium",
      lifecycle: "active",
      migration: null,
      slo: { successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 },
      consistency: null,
      delivery: null,
      idempotency: null,
      resilience: null,
      contract: null,
      telemetry: null,
      tags: [],
      description: "",
    });
    expect(integrationKey("a", "b", "op")).toBe("a->b:op");
  });
  it("accepts the full example from the architecture document", () => {
    const full = {
      key: "checkout->payments:authorize",
      ...sync,
      criticality: "critical",
      lifecycle: "active",
      migration: null,
      slo: { successTargetPercent: 99.95, latencyTargetPercent: 99, windowDays: 28 },
      consistency: { model: "strong", stalenessBoundMs: null },
      delivery: null,
      idempotency: { strategy: "key", key: "Idempotency-Key header" },
      resilience: {
        timeoutMs: 300,
        retries: { maxAttempts: 2, backoff: "exponential", baseDelayMs: 50, maxDelayMs: 400, jitter: true },
        circuitBreaker: { failureRatePercent: 50, minimumCalls: 20, openMs: 30000 },
        fallback: "authorize later at capture time",
        concurrencyLimit: 200,
      },
      contract: { format: "protobuf", ref: "https://git.example.com/payments/authorize.proto", version: "2.3.0", compatibility: "backward" },
      telemetry: { sourceName: "checkout", targetName: "payments", operation: null, side: "client" },
      tags: ["pci"],
      description: "Card authorization during checkout (Markdown).",
    };
    expect(parseDeclaration(full)).toEqual({ ...full, pattern: null });
    expect(parseDeclaration({ ...full, pattern: "sync-request" })).toEqual({ ...full, pattern: "sync-request" });
  });
  it("names the known patterns when a declaration names an unknown one", () => {
    const result = integrationSchema.safeParse({ ...sync, pattern: "two-phase-commit" });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual(["pattern"]);
    expect(issue.message).toMatch(/^Unknown pattern two-phase-commit; the patterns are sync-request, .*event-outbox.*keyed-stream/);
  });
});

// Each coherence rule: one declaration that passes it, one that breaks it, and the message expected.
const rules: [string, unknown, unknown, string][] = [
  ["p50 ≤ p95", { ...sync, budget: { p50Ms: 100, p95Ms: 100, p99Ms: 200 } }, { ...sync, budget: { p50Ms: 101, p95Ms: 100, p99Ms: 200 } }, "budget.p95Ms: The p95 budget must be at least the p50 budget"],
  ["p95 ≤ p99", { ...sync, budget: { p50Ms: null, p95Ms: 200, p99Ms: 200 } }, { ...sync, budget: { p50Ms: null, p95Ms: 201, p99Ms: 200 } }, "budget.p99Ms: The p99 budget must be at least the p95 budget"],
  ["p50 ≤ p99 without p95", { ...sync, budget: { p50Ms: 50, p95Ms: null, p99Ms: 50 } }, { ...sync, budget: { p50Ms: 51, p99Ms: 50 } }, "budget.p99Ms: The p99 budget must be at least the p50 budget"],
  ["budgets are positive", { ...sync, budget: { p99Ms: 0.5 } }, { ...sync, budget: { p99Ms: 0 } }, "budget.p99Ms: p99 must be greater than 0"],
  ["SLO target < 100", { ...sync, slo: { successTargetPercent: 99.999 } }, { ...sync, slo: { successTargetPercent: 100 } }, "slo.successTargetPercent: The success target must be strictly between 0 and 100"],
  ["SLO target > 0", { ...sync, slo: { successTargetPercent: 0.1 } }, { ...sync, slo: { successTargetPercent: 0 } }, "slo.successTargetPercent: The success target must be strictly between 0 and 100"],
  ["SLO window 1–90 days", { ...sync, slo: { windowDays: 90 } }, { ...sync, slo: { windowDays: 91 } }, "slo.windowDays: The SLO window is 1 to 90 days"],
  ["two different services", sync, { ...sync, targetService: "checkout" }, "targetService: An integration connects two different services"],
  [
    "delivery only for async or hybrid",
    { ...sync, style: "hybrid", delivery: { guarantee: "at-least-once" } },
    { ...sync, delivery: { guarantee: "at-least-once" } },
    "delivery: Delivery, ordering and dead-letter queues apply to asynchronous or hybrid styles only; clear them for a synchronous call",
  ],
  [
    "per-key ordering needs its key",
    { ...async, delivery: { guarantee: "at-least-once", ordering: "per-key", orderingKey: "orderId" } },
    { ...async, delivery: { guarantee: "at-least-once", ordering: "per-key" } },
    "delivery.orderingKey: Per-key ordering needs its ordering key (e.g. orderId)",
  ],
  [
    "eventual consistency needs a staleness bound",
    { ...async, consistency: { model: "eventual", stalenessBoundMs: 5000 } },
    { ...async, consistency: { model: "eventual" } },
    "consistency.stalenessBoundMs: Eventual consistency needs a staleness bound: how stale may a read be?",
  ],
  ["an idempotency key is named", { ...sync, idempotency: { strategy: "key", key: "Idempotency-Key" } }, { ...sync, idempotency: { strategy: "key" } }, "idempotency.key: Name the idempotency key (e.g. Idempotency-Key header)"],
  [
    "retries are bounded",
    { ...sync, resilience: { retries: { maxAttempts: 10, backoff: "none" } } },
    { ...sync, resilience: { retries: { maxAttempts: 11, backoff: "none" } } },
    "resilience.retries.maxAttempts: Retries are bounded: at most 10 attempts",
  ],
  [
    "backoff needs a base delay",
    { ...sync, resilience: { retries: { maxAttempts: 3, backoff: "fixed", baseDelayMs: 100 } } },
    { ...sync, resilience: { retries: { maxAttempts: 3, backoff: "fixed" } } },
    "resilience.retries.baseDelayMs: Backoff needs a base delay",
  ],
  [
    "max delay ≥ base delay",
    { ...sync, resilience: { retries: { maxAttempts: 3, backoff: "exponential", baseDelayMs: 100, maxDelayMs: 100 } } },
    { ...sync, resilience: { retries: { maxAttempts: 3, backoff: "exponential", baseDelayMs: 100, maxDelayMs: 50 } } },
    "resilience.retries.maxDelayMs: The maximum delay must be at least the base delay",
  ],
  [
    "exponential backoff is capped",
    { ...sync, resilience: { retries: { maxAttempts: 3, backoff: "exponential", baseDelayMs: 50, maxDelayMs: 400 } } },
    { ...sync, resilience: { retries: { maxAttempts: 3, backoff: "exponential", baseDelayMs: 50 } } },
    "resilience.retries.maxDelayMs: Exponential backoff needs a maximum delay, or retries are unbounded in time",
  ],
  [
    "migrating needs a target style",
    { ...sync, lifecycle: "migrating", migration: { targetStyle: "async-event", featureFlag: "pay-async" } },
    { ...sync, lifecycle: "migrating" },
    "migration.targetStyle: A migrating integration needs the style it is migrating to",
  ],
  [
    "the target style differs",
    { ...sync, lifecycle: "migrating", migration: { targetStyle: "hybrid" } },
    { ...sync, lifecycle: "migrating", migration: { targetStyle: "sync" } },
    "migration.targetStyle: The migration's target style must differ from the current style",
  ],
  [
    "a migration only while migrating",
    { ...sync, lifecycle: "active", migration: null },
    { ...sync, lifecycle: "active", migration: { targetStyle: "async-event" } },
    "migration: A migration is only declared while migrating (or, with a target date, while deprecated)",
  ],
  [
    "a deprecated integration keeps only a date",
    { ...sync, lifecycle: "deprecated", migration: { targetDate: "2027-01-31" } },
    { ...sync, lifecycle: "deprecated", migration: { targetStyle: "async-event", targetDate: "2027-01-31" } },
    "migration.targetStyle: A deprecated integration is going away, not migrating: keep only its target date",
  ],
  ["keys look like source->target:operation", { ...sync, key: "checkout->payments:authorize-v2" }, { ...sync, key: "checkout payments" }, "key: Keys look like source->target:operation (e.g. checkout->payments:authorize)"],
  ["styles are a closed set", { ...sync, style: "stream" }, { ...sync, style: "rpc" }, "style: Style is one of sync, async-event, async-command, async-queue, stream, hybrid"],
];

describe("coherence rules", () => {
  for (const [name, passing, failing, message] of rules) {
    it(`${name}: passes`, () => expect(problems(passing)).toEqual([]));
    it(`${name}: fails with "${message}"`, () => expect(problems(failing)).toContain(message));
  }
  it("reports every broken rule at once", () => {
    const all = problems({ ...sync, budget: { p50Ms: 300, p95Ms: 200, p99Ms: 100 }, delivery: { guarantee: "at-most-once" }, lifecycle: "migrating" });
    expect(all).toHaveLength(4);
  });
  it("normalises tags", () => {
    expect(parseDeclaration({ ...sync, tags: ["PCI", "pci", "tier-1"] }).tags).toEqual(["pci", "tier-1"]);
    expect(problems({ ...sync, tags: ["has space"] })).toEqual(["tags.0: Tags are lowercase words (letters, digits, . _ -)"]);
  });
});
