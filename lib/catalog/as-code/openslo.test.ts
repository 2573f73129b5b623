import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { openSloV1Schema } from "./openslo-v1.schema";
import { fromOpenSlo, toOpenSlo } from "./openslo";
import { collectEdgewise } from "./formats";
import { parseYamlFiles } from "./parse";
import { validateDocuments } from "./validate";
import type { CatalogDocument } from "./types";

type Doc = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, unknown> }; spec: Record<string, unknown> };

const integration = (key: string, spec: Record<string, unknown>): CatalogDocument => {
  const [, source, target, operation] = /^(.+)->(.+):(.+)$/.exec(key)!;
  return {
    apiVersion: "edgewise.dev/v1",
    kind: "Integration",
    metadata: { name: key },
    spec: { sourceService: source, targetService: target, operation, style: "sync", protocol: "grpc", lifecycle: "active", budget: { p50Ms: 40, p95Ms: 120, p99Ms: 250 }, ...spec },
  };
};
const service = (slug: string, team: string): CatalogDocument => ({ apiVersion: "edgewise.dev/v1", kind: "Service", metadata: { name: slug }, spec: { name: slug, team, tier: 2, description: "", links: [], telemetryName: slug } });

const longOperation = "reserve-stock-for-a-very-long-named-operation-in-the-warehouse-v2";
const catalog: CatalogDocument[] = [
  service("checkout", "checkout-team"),
  service("payments", "payments-team"),
  service("orders", "checkout-team"),
  service("shipping", "fulfilment-team"),
  integration("checkout->payments:authorize", { slo: { successTargetPercent: 99.95, latencyTargetPercent: 99, windowDays: 28 } }),
  integration("orders->shipping:order-placed", { style: "async-event", protocol: "kafka", budget: { p50Ms: null, p95Ms: null, p99Ms: 5000 }, slo: { successTargetPercent: 99.9, latencyTargetPercent: 95, windowDays: 30 } }),
  integration(`checkout->orders:${longOperation}`, { protocol: "http", slo: { successTargetPercent: 99.5, latencyTargetPercent: 97.5, windowDays: 7 } }),
  integration("checkout->shipping:quote", { lifecycle: "retired", slo: { successTargetPercent: 99, latencyTargetPercent: 90, windowDays: 28 } }),
];

const exported = toOpenSlo(catalog) as Doc[];
// Strict, except that `required` may name properties defined beside (not inside) a oneOf branch.
const compile = () => new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(openSloV1Schema);
const toSources = (docs: unknown[], name = "slos.yaml") => {
  const parsed = parseYamlFiles([{ name, content: docs.map((d) => stringify(d)).join("---\n") }]);
  expect(parsed.issues).toEqual([]);
  return parsed.sources;
};

describe("toOpenSlo", () => {
  it("emits documents valid under the OpenSLO v1 field rules", () => {
    const validate = compile();
    for (const d of exported) expect({ name: `${d.kind} ${d.metadata.name}`, errors: validate(d) ? null : validate.errors }).toEqual({ name: `${d.kind} ${d.metadata.name}`, errors: null });
  });

  it("the schema is strict enough to reject what OpenSLO forbids", () => {
    const validate = compile();
    const slo = structuredClone(exported.find((d) => d.kind === "SLO")!);
    const bad = [
      { ...slo, metadata: { ...slo.metadata, name: "Checkout_SLO" } },
      { ...slo, spec: { ...slo.spec, objectives: [{ target: 99.9 }] } },
      { ...slo, spec: { ...slo.spec, timeWindow: [{ duration: "28 days", isRolling: true }] } },
      { ...slo, spec: { ...slo.spec, budgetingMethod: "Events" } },
      { ...slo, metadata: { ...slo.metadata, labels: { "edgewise.dev/integration": "x" } } },
    ];
    expect(bad.map((d) => validate(d))).toEqual([false, false, false, false, false]);
  });

  it("references only documents it emits, with unique names per kind", () => {
    const names = (kind: string) => exported.filter((d) => d.kind === kind).map((d) => d.metadata.name);
    for (const kind of ["SLO", "AlertPolicy", "AlertCondition", "AlertNotificationTarget"]) expect(new Set(names(kind)).size).toBe(names(kind).length);
    for (const d of exported) {
      for (const p of (d.spec.alertPolicies as { alertPolicyRef: string }[] | undefined) ?? []) expect(names("AlertPolicy")).toContain(p.alertPolicyRef);
      for (const c of (d.spec.conditions as { conditionRef: string }[] | undefined) ?? []) expect(names("AlertCondition")).toContain(c.conditionRef);
      for (const t of (d.spec.notificationTargets as { targetRef: string }[] | undefined) ?? []) expect(names("AlertNotificationTarget")).toContain(t.targetRef);
    }
  });

  it("gives each live integration an availability and a latency SLO over its window, as fractions", () => {
    const slos = exported.filter((d) => d.kind === "SLO");
    expect(slos.map((d) => d.metadata.annotations)).toEqual([
      { "edgewise.dev/integration": "checkout->orders:" + longOperation, "edgewise.dev/objective": "availability" },
      { "edgewise.dev/integration": "checkout->orders:" + longOperation, "edgewise.dev/objective": "latency" },
      { "edgewise.dev/integration": "checkout->payments:authorize", "edgewise.dev/objective": "availability" },
      { "edgewise.dev/integration": "checkout->payments:authorize", "edgewise.dev/objective": "latency" },
      { "edgewise.dev/integration": "orders->shipping:order-placed", "edgewise.dev/objective": "availability" },
      { "edgewise.dev/integration": "orders->shipping:order-placed", "edgewise.dev/objective": "latency" },
    ]);
    const [availability, latency] = slos.filter((d) => d.metadata.annotations!["edgewise.dev/integration"] === "checkout->payments:authorize");
    expect(availability!.metadata.name).toBe("checkout-to-payments-authorize-availability");
    expect(availability!.metadata.labels).toEqual({ team: "checkout-team", objective: "availability", style: "sync" });
    expect(availability!.spec).toMatchObject({
      service: "checkout",
      timeWindow: [{ duration: "28d", isRolling: true }],
      budgetingMethod: "Occurrences",
      objectives: [{ target: 0.9995 }],
      indicator: { spec: { ratioMetric: { counter: true, good: { metricSource: { type: "Edgewise" } }, total: { metricSource: { type: "Edgewise" } } } } },
    });
    expect(latency!.spec).toMatchObject({ objectives: [{ op: "lte", value: 250, target: 0.99 }], indicator: { spec: { thresholdMetric: { metricSource: { type: "Edgewise" } } } } });
    const long = slos.find((d) => d.metadata.annotations!["edgewise.dev/integration"]!.includes(longOperation))!;
    expect(long.metadata.name.length).toBeLessThanOrEqual(63);
    expect(long.spec.objectives).toEqual([{ displayName: "99.5 % of calls succeed", target: 0.995 }]);
  });

  it("encodes the multi-window burn-rate alerts, scaled to each SLO window", () => {
    const condition = (name: string) => exported.find((d) => d.kind === "AlertCondition" && d.metadata.name === name)!.spec.condition;
    // 30 days: the SRE workbook's factors as they are.
    expect(condition("burn-page-1h-5m-w30d-condition")).toEqual({ kind: "burnrate", op: "gte", threshold: 14.4, lookbackWindow: "1h", alertAfter: "5m" });
    expect(condition("burn-page-6h-30m-w30d-condition")).toEqual({ kind: "burnrate", op: "gte", threshold: 6, lookbackWindow: "6h", alertAfter: "30m" });
    expect(condition("burn-ticket-1d-2h-w30d-condition")).toEqual({ kind: "burnrate", op: "gte", threshold: 3, lookbackWindow: "1d", alertAfter: "2h" });
    expect(condition("burn-ticket-3d-6h-w30d-condition")).toEqual({ kind: "burnrate", op: "gte", threshold: 1, lookbackWindow: "3d", alertAfter: "6h" });
    // 28 days: 14.4 × 28/30 = 13.44; 7 days: 3 × 7/30 = 0.7.
    expect(condition("burn-page-1h-5m-w28d-condition")).toMatchObject({ threshold: 13.44 });
    expect(condition("burn-ticket-1d-2h-w7d-condition")).toMatchObject({ threshold: 0.7 });
    const policies = exported.filter((d) => d.kind === "AlertPolicy");
    expect(policies).toHaveLength(12);
    const authorize = exported.find((d) => d.metadata.name === "checkout-to-payments-authorize-latency")!;
    expect(authorize.spec.alertPolicies).toEqual(["burn-page-1h-5m-w28d", "burn-page-6h-30m-w28d", "burn-ticket-1d-2h-w28d", "burn-ticket-3d-6h-w28d"].map((alertPolicyRef) => ({ alertPolicyRef })));
    const page = policies.find((p) => p.metadata.name === "burn-page-1h-5m-w28d")!;
    expect(page.spec).toMatchObject({ conditions: [{ conditionRef: "burn-page-1h-5m-w28d-condition" }], notificationTargets: [{ targetRef: "edgewise-page" }], alertWhenBreaching: true });
  });

  it("emits nothing for a catalog without live integrations", () => {
    expect(toOpenSlo(catalog.filter((d) => d.kind !== "Integration" || d.spec.lifecycle === "retired"))).toEqual([]);
  });
});

describe("fromOpenSlo", () => {
  const live = catalog.filter((d) => d.kind === "Integration" && d.spec.lifecycle !== "retired");

  it("round-trips: Edgewise → OpenSLO → Edgewise gives the same SLOs, warning only about the non-SLO kinds", () => {
    const result = fromOpenSlo(toSources(exported), catalog);
    expect(result.documents.map((d) => [d.metadata.name, d.spec.slo])).toEqual(live.map((d) => [d.metadata.name, d.spec.slo]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(result.documents).toEqual(expect.arrayContaining(live));
    expect(new Set(result.issues.map((i) => `${i.severity} ${i.path}`))).toEqual(new Set(["warning kind"]));
    expect(result.issues).toHaveLength(exported.filter((d) => d.kind !== "SLO").length);
  });

  it("replaces the targets and window with the ones the SLO documents carry", () => {
    const slos = structuredClone(exported.filter((d) => d.metadata.annotations?.["edgewise.dev/integration"] === "checkout->payments:authorize"));
    slos[0]!.spec.objectives = [{ targetPercent: 99.99 }];
    slos[1]!.spec.objectives = [{ op: "lte", value: 250, target: 0.975 }];
    for (const s of slos) s.spec.timeWindow = [{ duration: "2w", isRolling: true }];
    const result = fromOpenSlo(toSources(slos), catalog);
    expect(result.issues).toEqual([]);
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]!.spec.slo).toEqual({ successTargetPercent: 99.99, latencyTargetPercent: 97.5, windowDays: 14 });
    expect(result.documents[0]!.spec.budget).toEqual({ p50Ms: 40, p95Ms: 120, p99Ms: 250 });
  });

  it("amends an integration the same batch declares, through the import pipeline's validation", () => {
    const slo = structuredClone(exported.find((d) => d.metadata.name === "checkout-to-payments-authorize-availability")!);
    slo.spec.objectives = [{ target: 0.9999 }];
    const collected = collectEdgewise(toSources([...catalog, slo], "catalog.yaml"), [], { openslo: fromOpenSlo });
    expect(collected.issues).toEqual([]);
    const { batch, issues } = validateDocuments(collected.sources);
    expect(issues).toEqual([]);
    expect(batch.integrations.find((i) => i.name === "checkout->payments:authorize")!.value.slo).toEqual({ successTargetPercent: 99.99, latencyTargetPercent: 99, windowDays: 28 });
  });

  it("matches by service and name when the annotation is missing, and keeps the other objective", () => {
    const slo = structuredClone(exported.find((d) => d.metadata.name === "orders-to-shipping-order-placed-availability")!);
    delete slo.metadata.annotations;
    delete slo.metadata.labels;
    slo.spec.objectives = [{ target: 0.999 }];
    const result = fromOpenSlo(toSources([slo]), catalog);
    expect(result.issues).toEqual([]);
    expect(result.documents.map((d) => [d.metadata.name, d.spec.slo])).toEqual([["orders->shipping:order-placed", { successTargetPercent: 99.9, latencyTargetPercent: 95, windowDays: 30 }]]);
  });

  it("reports unknown integrations, unusable windows and targets, and disagreeing windows, and applies none of them", () => {
    const base = exported.find((d) => d.metadata.name === "checkout-to-payments-authorize-availability")!;
    const unknown = { ...base, metadata: { name: "billing-slo", annotations: { "edgewise.dev/integration": "checkout->billing:charge" } } };
    const unnamed = { ...base, metadata: { name: "some-other-slo" } };
    const monthly = { ...base, spec: { ...base.spec, timeWindow: [{ duration: "1M", isRolling: true }] } };
    const perfect = { ...exported.find((d) => d.metadata.name === "orders-to-shipping-order-placed-availability")!, spec: { ...base.spec, objectives: [{ target: 1 }] } };
    const a = { ...exported.find((d) => d.metadata.name.endsWith(`availability`) && d.metadata.name.startsWith("checkout-to-orders"))!, spec: { ...base.spec, timeWindow: [{ duration: "7d" }] } };
    const b = { ...exported.find((d) => d.metadata.name.endsWith(`latency`) && d.metadata.name.startsWith("checkout-to-orders"))!, spec: { ...base.spec, objectives: [{ op: "lte", value: 250, target: 0.9 }], timeWindow: [{ duration: "14d" }] } };
    const notSlo = { apiVersion: "edgewise.dev/v1", kind: "Team", metadata: { name: "x" }, spec: {} };
    const sources = toSources([unknown, unnamed, monthly, perfect, a, b, notSlo], "mixed.yaml");
    const result = fromOpenSlo(sources, catalog);
    expect(result.documents).toEqual([]);
    expect(result.issues.map((i) => [i.document, i.path, i.severity])).toEqual([
      [0, "metadata.annotations.edgewise.dev/integration", "error"],
      [1, "metadata.name", "error"],
      [2, "spec.timeWindow.0.duration", "error"],
      [6, "apiVersion", "error"],
      [4, "spec.timeWindow", "error"],
      [5, "spec.timeWindow", "error"],
      [3, "spec.objectives.0", "error"],
    ]);
    expect(result.issues[0]!.message).toMatch(/No integration point checkout->billing:charge/);
    expect(result.issues[6]!.message).toMatch(/strictly between 0 and 100/);
    expect(result.issues.every((i) => i.file === "mixed.yaml" && typeof i.line === "number")).toBe(true);
  });
});
