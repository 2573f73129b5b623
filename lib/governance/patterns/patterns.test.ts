import { describe, expect, it } from "vitest";
import { integrationSchema, parseDeclaration, type IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import { isSynchronous } from "../budget-math";
import { evaluatePolicies } from "../evaluate";
import type { JourneyContext, PolicyContext } from "../rule-types";
import { ruleById, rules } from "../rules";
import { designFields, fillFromPattern, patternByName, patterns, patternView } from ".";

const identity = { sourceService: "web", targetService: "orders", operation: "place" };
const declare = (over: Record<string, unknown>): IntegrationDeclaration => parseDeclaration({ ...identity, ...over });

/**
 * The estate a blueprint is claimed for: the integration alone, and as the only step of a critical
 * journey with a 1 s budget (a typical checkout step), so the journey-scoped rules see it too.
 */
function contextFor(d: IntegrationDeclaration): PolicyContext {
  const journey: JourneyContext = { slug: "checkout", name: "Checkout", budgetP99Ms: 1_000, criticality: "critical", steps: [d] };
  return { integrations: [d], journeys: [journey], today: "2026-12-03" };
}

describe("pattern blueprints", () => {
  it("has at least the eight patterns of the practice, with unique names", () => {
    const names = patterns.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of ["sync-request", "hybrid-acknowledge", "event-outbox", "command-queue", "request-reply-messaging", "saga", "cache-aside", "keyed-stream"]) {
      expect(names).toContain(n);
    }
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("every design field of the declaration schema has a default in every blueprint", () => {
    const schemaFields = Object.keys(integrationSchema.shape);
    for (const f of designFields) expect(schemaFields).toContain(f);
    for (const p of patterns) expect(Object.keys(p.defaults).sort()).toEqual([...designFields].sort());
  });

  for (const p of patterns) {
    describe(p.name, () => {
      const d = declare(p.defaults);

      it("its defaults are a valid declaration as they stand (nothing dropped or coerced)", () => {
        const parsed = integrationSchema.safeParse({ ...identity, ...p.defaults });
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
        for (const f of designFields) expect(d[f]).toEqual(p.defaults[f]);
      });

      it("claims only registered rules, and the defaults pass every rule it claims", () => {
        expect(p.satisfies.length).toBeGreaterThan(3);
        for (const id of p.satisfies) expect(ruleById.has(id), id).toBe(true);
        const claimed = p.satisfies.map((id) => ruleById.get(id)!);
        const findings = evaluatePolicies(claimed, contextFor(d), new Map(), [], new Date("2026-12-03T12:00:00Z"));
        expect(findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      });

      it("claims every declaration rule that applies to its style (telemetry rules need observations)", () => {
        // A rule that speaks about this style is one that flags the style with its resilience and semantics removed.
        const bare = declare({ style: p.defaults.style, protocol: p.defaults.protocol, budget: p.defaults.budget });
        const stripped = evaluatePolicies(rules, contextFor(bare), new Map(), [], new Date("2026-12-03T12:00:00Z"));
        for (const f of stripped) expect(p.satisfies, `${p.name} should claim ${f.rule}`).toContain(f.rule);
      });

      it("its defaults keep all of its own traits", () => {
        expect(p.traits.length).toBeGreaterThan(1);
        for (const t of p.traits) expect(t.holds(d), `${t.field}: ${t.expects}`).toBe(true);
      });

      it("is written out: summary, when to use, when not, gains and costs", () => {
        expect(p.title.length).toBeGreaterThan(10);
        expect(p.summary.length).toBeGreaterThan(150);
        for (const list of [p.whenToUse, p.avoidWhen, p.gains, p.costs]) {
          expect(list.length).toBeGreaterThan(1);
          for (const line of list) expect(line).toMatch(/^[A-Z(].{20,}[.)]$/);
        }
      });
    });
  }

  it("synchronous blueprints bound every wait; asynchronous ones leave the request path", () => {
    for (const p of patterns) {
      const d = declare(p.defaults);
      if (isSynchronous(d)) expect(d.resilience?.timeoutMs, p.name).toBeGreaterThanOrEqual(d.budget.p99Ms);
      else expect(d.delivery, p.name).not.toBeNull();
    }
  });

  it("the view carries the traits as text, without the checks", () => {
    const v = patternView(patternByName("event-outbox")!);
    expect(v.traits).toContainEqual({ field: "delivery.deadLetterQueue", expects: "a dead-letter queue" });
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });
});

describe("fillFromPattern", () => {
  it("fills what the document leaves out; explicit fields win, into nested objects", () => {
    const filled = fillFromPattern({ ...identity, pattern: "sync-request", protocol: "grpc", resilience: { timeoutMs: 400, fallback: null } });
    const sync = patternByName("sync-request")!.defaults;
    expect(filled.protocol).toBe("grpc");
    expect(filled.style).toBe("sync");
    expect(filled.budget).toEqual(sync.budget);
    expect(filled.resilience).toEqual({ ...sync.resilience, timeoutMs: 400, fallback: null });
    expect(filled.sourceService).toBe("web");
  });
  it("leaves a declaration without a pattern, or with an unknown one, as it is", () => {
    const plain = { ...identity, style: "sync" };
    expect(fillFromPattern(plain)).toBe(plain);
    const unknown = { ...identity, pattern: "two-phase-commit" };
    expect(fillFromPattern(unknown)).toBe(unknown);
  });
});
