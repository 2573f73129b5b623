import { describe, expect, it } from "vitest";
import { integrationSchema, parseDeclaration } from "@/lib/catalog/integration-schema";
import type { IntegrationView } from "@/lib/catalog/integrations";
import { patterns } from "@/lib/governance/patterns";
import { emptyValues, fieldForIssue, setPath, toInput, valuesFromView, withPattern } from "./form-values";

const full = parseDeclaration({
  key: "checkout->payments:authorize",
  sourceService: "checkout",
  targetService: "payments",
  operation: "authorize",
  style: "hybrid",
  protocol: "grpc",
  criticality: "critical",
  lifecycle: "migrating",
  migration: { targetStyle: "async-event", featureFlag: "payments-async", targetDate: "2027-03-01" },
  budget: { p50Ms: 40, p95Ms: 120, p99Ms: 250 },
  slo: { successTargetPercent: 99.95, latencyTargetPercent: 99, windowDays: 28 },
  consistency: { model: "eventual", stalenessBoundMs: 2000 },
  delivery: { guarantee: "at-least-once", ordering: "per-key", orderingKey: "orderId", deadLetterQueue: "payments.dlq" },
  idempotency: { strategy: "key", key: "Idempotency-Key header" },
  resilience: {
    timeoutMs: 300,
    retries: { maxAttempts: 2, backoff: "exponential", baseDelayMs: 50, maxDelayMs: 400, jitter: true },
    circuitBreaker: { failureRatePercent: 50, minimumCalls: 20, openMs: 30000 },
    fallback: "authorize later at capture time",
    concurrencyLimit: 200,
  },
  contract: { format: "protobuf", ref: "https://git.example.com/payments/authorize.proto", version: "2.3.0", compatibility: "backward" },
  telemetry: { sourceName: "checkout-svc", targetName: "payments", operation: null, side: "client" },
  tags: ["pci", "checkout-journey"],
  description: "Card authorization during checkout.",
});
const view: IntegrationView = { ...full, id: "1", ownerTeam: "checkout-team", createdAt: "", updatedAt: "", status: "no-data" };
const telemetryNames: Record<string, string> = { checkout: "checkout", payments: "payments" };

describe("integration form values", () => {
  it("round-trips a complete declaration through the form", () => {
    const values = valuesFromView(view, (s) => telemetryNames[s]);
    // The target's telemetry name equals the service's own, so the form leaves it blank to follow the service.
    expect(values.telemetry.targetName).toBe("");
    expect(values.telemetry.sourceName).toBe("checkout-svc");
    const parsed = integrationSchema.parse(toInput(values));
    expect(parsed).toEqual({ ...full, telemetry: { ...full.telemetry, targetName: null } });
  });

  it("sends null for groups left empty, and drops delivery when the style is synchronous", () => {
    let v = emptyValues({ sourceService: "checkout", targetService: "payments" });
    v = { ...v, operation: "authorize", style: "sync", protocol: "http", budget: { p50Ms: "", p95Ms: "", p99Ms: "250" } };
    v = setPath(v, "delivery.guarantee", "at-least-once");
    const input = toInput(v);
    expect(input).toMatchObject({ key: null, migration: null, consistency: null, delivery: null, idempotency: null, resilience: null, contract: null, telemetry: null, tags: [] });
    expect(integrationSchema.safeParse(input).success).toBe(true);
  });

  it.each(patterns.map((p) => [p.name, p] as const))("starting from %s fills every design field with its default, keeping who talks to whom", (name, p) => {
    let v = emptyValues({ sourceService: "checkout", targetService: "payments" });
    v = { ...v, operation: "authorize", tags: "pci", description: "Kept." };
    const parsed = integrationSchema.parse(toInput(withPattern(v, name)));
    expect(parsed).toMatchObject({ ...p.defaults, pattern: name, sourceService: "checkout", targetService: "payments", operation: "authorize", tags: ["pci"], description: "Kept." });
  });

  it("choosing no pattern clears its name and leaves the fields as they are", () => {
    const v = withPattern(emptyValues(), "saga");
    const none = withPattern(v, "");
    expect(none).toEqual({ ...v, pattern: "" });
  });

  it("keeps a half-filled group so the schema can say what it is missing", () => {
    const v = setPath(emptyValues(), "contract.ref", "https://example.com/spec.yaml");
    expect(toInput(v).contract).toEqual({ format: undefined, ref: "https://example.com/spec.yaml", version: null, compatibility: "backward" });
  });

  it.each([
    ["budget.p99Ms", "budget.p99Ms"],
    ["tags.2", "tags"],
    ["resilience.retries.baseDelayMs", "resilience.retries.baseDelayMs"],
    ["delivery", ""],
    ["", ""],
  ])("shows an issue at %s next to %s", (path, field) => {
    expect(fieldForIssue(path)).toBe(field);
  });
});
