import { describe, expect, it } from "vitest";
import { parseDeclaration, type IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import { callerBudgetMs, composeJourney, retryEnvelopeMs, totalBackoffMs } from "./budget-math";
import { effectiveThresholds, evaluatePolicies } from "./evaluate";
import type { JourneyContext, Observation, PolicyContext, Rule } from "./rule-types";
import { patternByName } from "./patterns";
import { ruleById, rules } from "./rules";

const d = (over: Record<string, unknown>): IntegrationDeclaration =>
  parseDeclaration({ sourceService: "a", targetService: "b", operation: "op", style: "sync", protocol: "grpc", budget: { p99Ms: 100 }, ...over });
const journey = (steps: IntegrationDeclaration[], over: Partial<JourneyContext> = {}): JourneyContext => ({
  slug: "j",
  name: "J",
  budgetP99Ms: 1000,
  criticality: "critical",
  steps,
  ...over,
});
const ctx = (integrations: IntegrationDeclaration[], journeys: JourneyContext[] = [], today = "2026-11-28"): PolicyContext => ({ integrations, journeys, today });
const observed = (integrations: IntegrationDeclaration[], o: Partial<Observation>): PolicyContext => ({
  ...ctx(integrations),
  observations: new Map(integrations.map((i) => [i.key, { p99Ms24h: null, calls24h: 0, windowCalls: 0, windowErrors: 0, drift: null, ...o }])),
});
/** Retry windows: a window's calls, errors, throttled, and logical calls by attempts each took. */
const win = (calls: number, errors: number, throttled: number, byAttempts: Record<number, number>) => {
  const entries = Object.entries(byAttempts).map(([k, n]) => [Number(k), n] as const);
  const logicalCalls = entries.reduce((s, [, n]) => s + n, 0);
  return {
    calls,
    errors,
    throttled,
    logicalCalls,
    attempts: entries.reduce((s, [k, n]) => s + k * n, 0),
    maxAttempts: entries.reduce((m, [k, n]) => (n > 0 ? Math.max(m, k) : m), 0),
    retriedCalls: entries.reduce((s, [k, n]) => (k > 1 ? s + n : s), 0),
  };
};
const retriesSeen = (last5m: ReturnType<typeof win>, last1h = last5m) => ({ retries: { last5m, last1h } });

const run = (id: string, c: PolicyContext, thresholds: Record<string, number> = {}) => {
  const rule = ruleById.get(id)!;
  return rule.evaluate(c, { ...effectiveThresholds(rule, undefined), ...thresholds }).map((f) => f.message);
};

const safe = { resilience: { timeoutMs: 150, retries: null, circuitBreaker: { failureRatePercent: 50, minimumCalls: 10, openMs: 1000 }, fallback: "cached" } };
const retrying = (over: Record<string, unknown> = {}) => ({
  resilience: { timeoutMs: 150, retries: { maxAttempts: 3, backoff: "exponential", baseDelayMs: 50, maxDelayMs: 400, jitter: true, ...over } },
  idempotency: { strategy: "natural" },
});

describe("budget arithmetic", () => {
  it.each([
    [{ maxAttempts: 1, backoff: "exponential", baseDelayMs: 50, maxDelayMs: 400, jitter: true }, 0],
    [{ maxAttempts: 3, backoff: "exponential", baseDelayMs: 50, maxDelayMs: 400, jitter: true }, 50 + 100],
    [{ maxAttempts: 5, backoff: "exponential", baseDelayMs: 50, maxDelayMs: 150, jitter: true }, 50 + 100 + 150 + 150],
    [{ maxAttempts: 4, backoff: "fixed", baseDelayMs: 100, maxDelayMs: null, jitter: false }, 300],
    [{ maxAttempts: 4, backoff: "none", baseDelayMs: null, maxDelayMs: null, jitter: false }, 0],
  ])("total backoff of %j is %i ms", (retries, expected) => {
    expect(totalBackoffMs(retries as never)).toBe(expected);
  });
  it("computes the retry envelope: attempts × timeout + backoff", () => {
    expect(retryEnvelopeMs(d(retrying()))).toBe(3 * 150 + 150);
    expect(retryEnvelopeMs(d({ resilience: { timeoutMs: 200 } }))).toBe(200);
    expect(retryEnvelopeMs(d({}))).toBeNull();
  });
  it("finds the caller's budget from inbound sync calls, else from journeys", () => {
    const inner = d({ sourceService: "b", targetService: "c" });
    const outer1 = d({ sourceService: "a", targetService: "b", operation: "x", budget: { p99Ms: 300 } });
    const outer2 = d({ sourceService: "z", targetService: "b", operation: "y", budget: { p99Ms: 200 } });
    expect(callerBudgetMs(inner, [inner, outer1, outer2], [])).toEqual({ budgetMs: 200, from: "z->b:y" });
    expect(callerBudgetMs(inner, [inner], [journey([inner], { budgetP99Ms: 700 })])).toEqual({ budgetMs: 700, from: "journey j" });
    expect(callerBudgetMs(inner, [inner], [])).toBeNull();
  });
  it("composes a journey: sync steps add up, async steps sit off the critical path", () => {
    const s1 = d({ operation: "s1", budget: { p99Ms: 300 } });
    const a1 = d({ operation: "a1", style: "async-event", protocol: "kafka", budget: { p99Ms: 5000 } });
    const h1 = d({ operation: "h1", style: "hybrid", budget: { p99Ms: 200 } });
    expect(composeJourney({ budgetP99Ms: 400, steps: [s1, a1, h1] })).toEqual({
      budgetP99Ms: 400,
      syncTotalMs: 500,
      slackMs: -100,
      syncHops: 2,
      steps: [
        { key: "a->b:s1", synchronous: true, budgetP99Ms: 300, offsetMs: 0 },
        { key: "a->b:a1", synchronous: false, budgetP99Ms: 5000, offsetMs: 300 },
        { key: "a->b:h1", synchronous: true, budgetP99Ms: 200, offsetMs: 300 },
      ],
    });
  });
});

// Every rule with a declaration that passes and one that fails, and the exact message expected.
const cases: { rule: string; pass: PolicyContext; fail: PolicyContext; message: string }[] = [
  {
    rule: "observed-attempts-within-declared",
    // Declared maxAttempts 3: a call of 3 attempts is within it, one of 4 is not.
    pass: observed([d(retrying())], retriesSeen(win(100, 0, 0, { 1: 90, 3: 10 }))),
    fail: observed([d(retrying())], retriesSeen(win(100, 0, 0, { 1: 90, 3: 9, 4: 1 }))),
    message: "a->b:op: a logical call took 4 attempts in the last hour; 3 declared.",
  },
  {
    rule: "no-retry-storm",
    // 40 calls, 30 of them retried twice: 100 attempts / 40 = ×2.5; 10 errors in 100 calls = 10 %.
    pass: observed([d(retrying())], retriesSeen(win(100, 5, 0, { 1: 10, 3: 30 }))), // 5 % is not above 5 %
    fail: observed([d(retrying())], retriesSeen(win(100, 10, 0, { 1: 10, 3: 30 }))),
    message: "a->b:op: 100 attempts for 40 logical calls (×2.5) in the last 5 minutes while 10 % of calls fail.",
  },
  {
    rule: "no-retry-storm",
    // ×1.5 exactly is not above 1.5 (20 calls: 10 of one attempt, 10 of two = 30 attempts).
    pass: observed([d(retrying())], retriesSeen(win(30, 9, 0, { 1: 10, 2: 10 }))),
    fail: observed([d(retrying())], retriesSeen(win(31, 9, 0, { 1: 9, 2: 10, 3: 1 }))),
    message: "a->b:op: 32 attempts for 20 logical calls (×1.6) in the last 5 minutes while 29 % of calls fail.",
  },
  {
    rule: "retries-only-where-declared",
    pass: observed([d(retrying())], retriesSeen(win(12, 0, 0, { 1: 10, 2: 1 }))),
    fail: observed([d(safe)], retriesSeen(win(12, 0, 0, { 1: 10, 2: 1 }))),
    message: "a->b:op: 1 logical calls were retried in the last hour, but it declares no retries and is not idempotent.",
  },
  {
    rule: "retries-only-where-declared",
    pass: observed([d(safe)], retriesSeen(win(10, 0, 0, { 1: 10 }))), // no retries seen
    fail: observed([d({ ...retrying(), idempotency: { strategy: "none" } })], retriesSeen(win(12, 0, 0, { 1: 8, 2: 2 }))),
    message: "a->b:op: 2 logical calls were retried in the last hour, but it is not idempotent.",
  },
  {
    rule: "throttling-handled",
    // 1 % of 1000 is not above 1 %; 11 of 1000 is.
    pass: observed([d(safe)], retriesSeen(win(1000, 10, 10, {}))),
    fail: observed([d(safe)], retriesSeen(win(1000, 11, 11, {}))),
    message: "a->b:op: 11 of 1000 calls (1.1 %) were throttled in the last hour, with no concurrency limit or backoff declared.",
  },
  {
    rule: "throttling-handled",
    pass: observed([d(retrying())], retriesSeen(win(1000, 50, 50, {}))), // exponential backoff declared
    fail: observed([d({ resilience: { ...retrying().resilience, retries: { ...retrying().resilience.retries, backoff: "none", baseDelayMs: null, maxDelayMs: null } } })], retriesSeen(win(1000, 50, 50, {}))),
    message: "a->b:op: 50 of 1000 calls (5 %) were throttled in the last hour, with no concurrency limit or backoff declared.",
  },
  { rule: "sync-timeout-declared", pass: ctx([d(safe)]), fail: ctx([d({})]), message: "a->b:op is sync but declares no timeout." },
  {
    rule: "sync-timeout-fits-budgets",
    pass: ctx([d({ resilience: { timeoutMs: 100 } })]),
    fail: ctx([d({ resilience: { timeoutMs: 80 } })]),
    message: "Timeout 80 ms is below the p99 budget of 100 ms: ordinary slow calls will time out.",
  },
  {
    rule: "sync-timeout-fits-budgets",
    pass: ctx([d({ resilience: { timeoutMs: 150 } }), d({ sourceService: "x", targetService: "a", operation: "in", budget: { p99Ms: 150 } })]),
    fail: ctx([d({ resilience: { timeoutMs: 200 } }), d({ sourceService: "x", targetService: "a", operation: "in", budget: { p99Ms: 150 } })]),
    message: "Timeout 200 ms exceeds the caller's budget of 150 ms (x->a:in).",
  },
  {
    rule: "retry-envelope-fits-budget",
    pass: ctx([d(retrying())], [journey([d(retrying())], { budgetP99Ms: 600 })]),
    fail: ctx([d(retrying())], [journey([d(retrying())], { budgetP99Ms: 599 })]),
    message: "3 attempts × 150 ms + 150 ms backoff = 600 ms, over the caller's budget of 599 ms (journey j).",
  },
  { rule: "retry-backoff-jitter", pass: ctx([d(retrying())]), fail: ctx([d(retrying({ jitter: false }))]), message: "a->b:op retries with exponential backoff but no jitter." },
  {
    rule: "retry-backoff-jitter",
    pass: ctx([d(retrying({ maxAttempts: 1, backoff: "none", baseDelayMs: null, maxDelayMs: null }))]),
    fail: ctx([d(retrying({ backoff: "none", baseDelayMs: null, maxDelayMs: null }))]),
    message: "a->b:op retries 2 times with no backoff.",
  },
  {
    rule: "retry-requires-idempotency",
    pass: ctx([d(retrying())]),
    fail: ctx([d({ ...retrying(), idempotency: { strategy: "none" } })]),
    message: "a->b:op retries up to 3 attempts but declares no idempotency (strategy none).",
  },
  {
    rule: "critical-journey-breaker-fallback",
    pass: ctx([], [journey([d(safe)]), journey([d({})], { criticality: "high" })]),
    fail: ctx([], [journey([d({ resilience: { timeoutMs: 100, fallback: "x" } })])]),
    message: "a->b:op is a synchronous step of critical journey J without a circuit breaker.",
  },
  {
    rule: "at-least-once-idempotent",
    pass: ctx([d({ style: "async-event", protocol: "kafka", delivery: { guarantee: "at-least-once" }, idempotency: { strategy: "key", key: "eventId" } })]),
    fail: ctx([d({ style: "async-event", protocol: "kafka", delivery: { guarantee: "at-least-once" } })]),
    message: "a->b:op is delivered at least once but its consumer declares no idempotency.",
  },
  {
    rule: "async-dead-letter-queue",
    pass: ctx([d({ style: "async-queue", protocol: "sqs", delivery: { guarantee: "at-least-once", deadLetterQueue: "q-dlq" } }), d({ operation: "fire", style: "async-event", protocol: "nats", delivery: { guarantee: "at-most-once" } })]),
    fail: ctx([d({ style: "async-queue", protocol: "sqs" })]),
    message: "a->b:op (async-queue) has no dead-letter queue.",
  },
  {
    rule: "ordering-is-achievable",
    pass: ctx([d({ style: "async-event", protocol: "kafka", delivery: { guarantee: "at-least-once", ordering: "per-key", orderingKey: "orderId" } }), d({ operation: "t", style: "async-event", protocol: "amqp", delivery: { guarantee: "at-least-once", ordering: "total" } })]),
    fail: ctx([d({ style: "async-event", protocol: "kafka", delivery: { guarantee: "at-least-once", ordering: "total" } })]),
    message: "a->b:op declares total ordering over kafka, a partitioned broker.",
  },
  {
    rule: "strong-consistency-async",
    pass: ctx([d({ consistency: { model: "strong" } }), d({ operation: "e", style: "async-event", protocol: "kafka", consistency: { model: "eventual", stalenessBoundMs: 1000 } })]),
    fail: ctx([d({ style: "async-command", protocol: "amqp", consistency: { model: "strong" } })]),
    message: "a->b:op is async-command but declares strong consistency.",
  },
  { rule: "contract-versioned", pass: ctx([d({ contract: { format: "protobuf", version: "1.0.0" } })]), fail: ctx([d({})]), message: "a->b:op declares no contract." },
  {
    rule: "contract-versioned",
    pass: ctx([d({ lifecycle: "deprecated", contract: { format: "openapi", version: "1", compatibility: "none" } })]),
    fail: ctx([d({ contract: { format: "openapi", version: "1", compatibility: "none" } })]),
    message: 'a->b:op is active with contract compatibility "none".',
  },
  {
    rule: "pattern-honoured",
    pass: ctx([d({ ...patternByName("event-outbox")!.defaults, pattern: "event-outbox" }), d({ operation: "plain", pattern: null })]),
    fail: ctx([d({ ...patternByName("event-outbox")!.defaults, pattern: "event-outbox", delivery: { guarantee: "at-least-once", deadLetterQueue: null } })]),
    message: "a->b:op declares pattern event-outbox, which expects a dead-letter queue (delivery.deadLetterQueue).",
  },
  {
    rule: "pattern-honoured",
    pass: ctx([d({ ...patternByName("event-outbox")!.defaults, pattern: "event-outbox", lifecycle: "retired", style: "sync", delivery: null })]),
    fail: ctx([d({ ...patternByName("event-outbox")!.defaults, pattern: "event-outbox", style: "sync", delivery: null, consistency: { model: "strong" } })]),
    message:
      "a->b:op declares pattern event-outbox, which expects an asynchronous event (style async-event) (style); at-least-once (or effectively-once) delivery (delivery.guarantee); a dead-letter queue (delivery.deadLetterQueue); eventual (not strong) consistency across the broker (consistency.model).",
  },
  {
    rule: "lifecycle-overdue",
    pass: ctx([d({ lifecycle: "migrating", migration: { targetStyle: "async-event", targetDate: "2026-11-28" } })]),
    fail: ctx([d({ lifecycle: "deprecated", migration: { targetDate: "2026-11-01" } })]),
    message: "a->b:op has been deprecated past its target date 2026-11-01 (27 days).",
  },
  {
    rule: "journey-budget-composition",
    pass: ctx([], [journey([d({ budget: { p99Ms: 600 } }), d({ operation: "o2", budget: { p99Ms: 400 } })])]),
    fail: ctx([], [journey([d({ budget: { p99Ms: 600 } }), d({ operation: "o2", budget: { p99Ms: 401 } })])]),
    message: "Journey J: synchronous p99 budgets add up to 1.001 s, 1 ms over its 1 s budget.",
  },
  {
    rule: "journey-chain-depth",
    pass: ctx([], [journey(["1", "2", "3", "4"].map((o) => d({ operation: o, budget: { p99Ms: 10 } })))]),
    fail: ctx([], [journey(["1", "2", "3", "4", "5"].map((o) => d({ operation: o, budget: { p99Ms: 10 } })))]),
    message: "Journey J has 5 synchronous hops (at most 4).",
  },
  {
    rule: "observed-p99-over-budget",
    pass: observed([d({})], { p99Ms24h: 100, calls24h: 500 }),
    fail: observed([d({})], { p99Ms24h: 180.44, calls24h: 500 }),
    message: "a->b:op: observed p99 over the last 24 h is 180 ms, over its 100 ms budget.",
  },
  {
    rule: "observed-p99-over-budget",
    pass: observed([d({})], { p99Ms24h: 900, calls24h: 99 }), // too few calls to trust
    fail: observed([d({})], { p99Ms24h: 900, calls24h: 100 }),
    message: "a->b:op: observed p99 over the last 24 h is 900 ms, over its 100 ms budget.",
  },
  {
    rule: "error-budget-exhausted",
    pass: observed([d({})], { windowCalls: 100_000, windowErrors: 100 }),
    fail: observed([d({})], { windowCalls: 100_000, windowErrors: 101 }),
    message: "a->b:op: 101 errors in 100000 calls over 28 days; the 99.9 % SLO allows 100.",
  },
  {
    rule: "drifting-toward-budget",
    // 31 days away is past the default 30-day horizon; 11.3 days is within it (12 whole days).
    pass: observed([d({})], { drift: { slopePercentPerDay: 2, recent7dP99Ms: 80, daysToBreach: 31, projectedBreachAt: "2026-12-29", driftingSince: null } }),
    fail: observed([d({})], { drift: { slopePercentPerDay: 2.04, recent7dP99Ms: 80.04, daysToBreach: 11.3, projectedBreachAt: "2026-12-10", driftingSince: "2026-11-20" } }),
    message: "a->b:op: p99 rising 2 %/day (80 ms over the last 7 days) reaches its 100 ms budget in 12 days, around 2026-12-10.",
  },
  {
    rule: "drifting-toward-budget",
    pass: observed([d({})], { drift: { slopePercentPerDay: 3, recent7dP99Ms: 120, daysToBreach: null, projectedBreachAt: null, driftingSince: "2026-11-01" } }), // already over: another rule
    fail: observed([d({})], { drift: { slopePercentPerDay: 0.5, recent7dP99Ms: null, daysToBreach: 30, projectedBreachAt: "2026-12-28", driftingSince: null } }),
    message: "a->b:op: p99 rising 0.5 %/day reaches its 100 ms budget in 30 days, around 2026-12-28.",
  },
  {
    rule: "journey-timeouts-shrink",
    pass: ctx([], [journey([d({ resilience: { timeoutMs: 300 } }), d({ sourceService: "b", targetService: "c", resilience: { timeoutMs: 200 } })])]),
    fail: ctx([], [journey([d({ resilience: { timeoutMs: 300 } }), d({ sourceService: "b", targetService: "c", resilience: { timeoutMs: 300 } })])]),
    message: "b->c:op waits up to 300 ms, but its caller a->b:op gives up after 300 ms.",
  },
];

describe("policy rules", () => {
  for (const c of cases) {
    it(`${c.rule}: passes a good declaration`, () => expect(run(c.rule, c.pass)).toEqual([]));
    it(`${c.rule}: flags "${c.message}"`, () => expect(run(c.rule, c.fail)).toContain(c.message));
  }
  it("every registered rule is covered above, and documents itself", () => {
    expect(new Set(cases.map((c) => c.rule))).toEqual(new Set(rules.map((r) => r.id)));
    for (const r of rules) {
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.rationale.length).toBeGreaterThan(80);
      expect(r.remediation.length).toBeGreaterThan(10);
    }
  });
  it("ignores retired integrations", () => {
    expect(run("sync-timeout-declared", ctx([d({ lifecycle: "retired" })]))).toEqual([]);
  });
  it("tunes thresholds", () => {
    const deep = ctx([], [journey(["1", "2", "3"].map((o) => d({ operation: o, budget: { p99Ms: 10 } })))]);
    expect(run("journey-chain-depth", deep, { maxHops: 2 })).toEqual(["Journey J has 3 synchronous hops (at most 2)."]);
    const overdue = ctx([d({ lifecycle: "deprecated", migration: { targetDate: "2026-11-01" } })]);
    expect(run("lifecycle-overdue", overdue, { graceDays: 30 })).toEqual([]);
    const creeping = observed([d({})], { drift: { slopePercentPerDay: 2, recent7dP99Ms: 80, daysToBreach: 20.5, projectedBreachAt: "2026-12-19", driftingSince: null } });
    expect(run("drifting-toward-budget", creeping, { withinDays: 20 })).toEqual([]);
    expect(run("drifting-toward-budget", creeping, { withinDays: 21 })).toHaveLength(1);
    const storm = observed([d(retrying())], retriesSeen(win(100, 10, 0, { 1: 10, 3: 30 })));
    expect(run("no-retry-storm", storm, { amplification: 3 })).toEqual([]);
    expect(run("no-retry-storm", storm, { errorRatePercent: 10 })).toEqual([]);
    expect(run("no-retry-storm", storm, { minCalls: 41 })).toEqual([]);
    const concurrency = observed([d({ ...safe, resilience: { ...safe.resilience, concurrencyLimit: 50 } })], retriesSeen(win(1000, 50, 50, {})));
    expect(run("throttling-handled", concurrency)).toEqual([]);
    const extra = observed([d(retrying())], retriesSeen(win(100, 0, 0, { 1: 99, 4: 1 })));
    expect(run("observed-attempts-within-declared", extra, { extraAttempts: 1 })).toEqual([]);
  });
});

// Each rule's headline as a finding shows it, written by hand: the problem, never the passing condition
// (a warning whose text says the p99 *is* drifting must not be headed "… is not drifting").
const headlines: Record<string, string> = {
  "sync-timeout-declared": "Synchronous call has no timeout",
  "sync-timeout-fits-budgets": "Timeout is below the callee's p99 or above the caller's budget",
  "retry-envelope-fits-budget": "Retry envelope exceeds the caller's budget",
  "retry-backoff-jitter": "Retries without backoff or jitter",
  "retry-requires-idempotency": "A non-idempotent operation is retried",
  "critical-journey-breaker-fallback": "Synchronous step of a critical journey lacks a circuit breaker or fallback",
  "at-least-once-idempotent": "At-least-once delivery without declared idempotency",
  "async-dead-letter-queue": "Asynchronous integration has no dead-letter queue",
  "ordering-is-achievable": "Declared ordering cannot be guaranteed",
  "strong-consistency-async": "Strong consistency declared across an asynchronous boundary",
  "contract-versioned": "Contract is missing, unversioned or not kept compatible",
  "lifecycle-overdue": "Migration or deprecation is past its target date",
  "pattern-honoured": "Declared fields contradict the integration's pattern",
  "journey-budget-composition": "Synchronous chain exceeds the journey's budget",
  "journey-chain-depth": "Synchronous chain is too deep",
  "journey-timeouts-shrink": "An inner timeout outlasts its caller's",
  "observed-p99-over-budget": "Observed p99 is over the declared budget",
  "error-budget-exhausted": "Availability error budget is exhausted",
  "drifting-toward-budget": "Observed p99 is drifting toward its budget",
  "observed-attempts-within-declared": "Calls take more attempts than the declared retries allow",
  "no-retry-storm": "Retry storm: callers multiply load on a failing callee",
  "retries-only-where-declared": "Calls are retried without declared retries or idempotency",
  "throttling-handled": "Callee throttles calls and the caller has no declared concurrency limit or backoff",
};

describe("finding headlines", () => {
  it("every registered rule has a headline in the table (a new rule needs one)", () => {
    expect(rules.map((r) => r.id).sort()).toEqual(Object.keys(headlines).sort());
  });
  for (const c of cases) {
    it(`${c.rule}: a failing declaration's finding is headed by the problem`, () => {
      const rule = ruleById.get(c.rule)!;
      const findings = evaluatePolicies([rule], c.fail, new Map(), [], new Date("2026-11-28T12:00:00Z"));
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(f.title).toBe(headlines[c.rule]);
        expect(f.title).not.toBe(rule.title);
      }
    });
  }
  it("no headline reads as a passing condition", () => {
    for (const r of rules) expect(r.problem).not.toMatch(/\b(is not|are not|stays?|within|declares?|fits?|shrink|are achievable|No )\b/);
  });
});

describe("evaluatePolicies", () => {
  const noTimeout = d({});
  const c = ctx([noTimeout]);
  const only = (id: string): Rule[] => [ruleById.get(id)!];
  const now = new Date("2026-11-28T12:00:00Z");
  const waiver = (expiresAt: string) => ({ id: "w1", rule: "sync-timeout-declared", integration: "a->b:op", reason: "legacy", expiresAt, decision: 12 });

  it("marks a finding waived while its waiver is active, and not after it expires", () => {
    const waived = evaluatePolicies(only("sync-timeout-declared"), c, new Map(), [waiver("2026-12-01T00:00:00Z")], now);
    expect(waived).toEqual([
      {
        rule: "sync-timeout-declared",
        title: "Synchronous call has no timeout",
        severity: "error",
        integration: "a->b:op",
        journey: null,
        message: "a->b:op is sync but declares no timeout.",
        remediation: ruleById.get("sync-timeout-declared")!.remediation,
        waived: true,
        waiver: { id: "w1", reason: "legacy", expiresAt: "2026-12-01T00:00:00Z", decision: 12 },
      },
    ]);
    const expired = evaluatePolicies(only("sync-timeout-declared"), c, new Map(), [waiver("2026-11-28T11:59:59Z")], now);
    expect(expired[0]).toMatchObject({ waived: false, waiver: null });
  });
  it("skips disabled rules and applies tuned thresholds", () => {
    expect(evaluatePolicies(only("sync-timeout-declared"), c, new Map([["sync-timeout-declared", { enabled: false, thresholds: {} }]]), [], now)).toEqual([]);
    const deep = ctx([], [journey(["1", "2"].map((o) => d({ operation: o, budget: { p99Ms: 10 } })))]);
    expect(evaluatePolicies(only("journey-chain-depth"), deep, new Map([["journey-chain-depth", { enabled: true, thresholds: { maxHops: 1 } }]]), [], now)).toHaveLength(1);
  });
});
