// Parsing, validation, planning and export of Edgewise YAML, without a database.
import { describe, expect, it } from "vitest";
import { catalogDocuments, toYaml } from "./export";
import { collectEdgewise } from "./formats";
import { parseYamlFiles } from "./parse";
import { planImport } from "./plan";
import { emptyState, normalizeDeclaration, normalizeService, type CatalogState } from "./state";
import { referenceIssues, validateDocuments } from "./validate";
import { patternByName } from "@/lib/governance/patterns";

const catalog = `# two documents, then an integration
apiVersion: edgewise.dev/v1
kind: Team
metadata: { name: checkout-team }
spec: { name: Checkout }
---
apiVersion: edgewise.dev/v1
kind: Service
metadata:
  name: checkout
spec:
  name: Checkout
  team: checkout-team
---
apiVersion: edgewise.dev/v1
kind: Service
metadata:
  name: payments
spec:
  name: Payments
  team: checkout-team
  tier: 1
---
apiVersion: edgewise.dev/v1
kind: Integration
metadata:
  name: checkout->payments:authorize
spec:
  sourceService: checkout
  targetService: payments
  operation: authorize
  style: sync
  protocol: grpc
  budget:
    p99Ms: 250
  resilience:
    timeoutMs: 300
`;

const parse = (content: string, name = "catalog.yaml") => parseYamlFiles([{ name, content }]);
const validate = (content: string) => {
  const parsed = parse(content);
  return validateDocuments(parsed.sources);
};
const admin = { role: "admin" as const, teamIds: [] };

describe("parseYamlFiles", () => {
  it("reads every document with its starting line and the line of each field", () => {
    const { sources, issues } = parse(catalog);
    expect(issues).toEqual([]);
    expect(sources.map((s) => [s.index, s.line])).toEqual([
      [0, 2],
      [1, 7],
      [2, 15],
      [3, 24],
    ]);
    expect(sources[3]!.lines?.["spec.budget.p99Ms"]).toBe(35);
  });

  it("reports a syntax error with its file and line, and skips empty documents", () => {
    const { sources, issues } = parse("apiVersion: edgewise.dev/v1\n---\nkind: [unclosed\n---\n", "bad.yaml");
    expect(sources).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: "bad.yaml", document: 1, severity: "error" });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it("refuses a billion-laughs document as an issue of that document, and keeps the others", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    const { sources, issues } = parse(`apiVersion: edgewise.dev/v1\nkind: Team\n---\n${levels.join("\n")}\n`, "laughs.yaml");
    expect(sources.map((s) => s.index)).toEqual([0]);
    expect(issues).toEqual([expect.objectContaining({ file: "laughs.yaml", document: 1, severity: "error", message: expect.stringMatching(/^YAML aliases expand too far/) })]);
  });
});

describe("validateDocuments", () => {
  it("accepts a catalog and fills the schemas' defaults", () => {
    const { batch, issues } = validate(catalog);
    expect(issues).toEqual([]);
    expect(batch.teams.map((t) => t.value)).toEqual([{ slug: "checkout-team", name: "Checkout", parent: null }]);
    expect(batch.services[0]!.value).toMatchObject({ slug: "checkout", tier: 3, links: [], telemetryName: null });
    expect(batch.integrations[0]!.value).toMatchObject({ key: "checkout->payments:authorize", criticality: "medium", lifecycle: "active", delivery: null, slo: { windowDays: 28 } });
  });

  it("places each issue by document, dotted field path and line", () => {
    const bad = catalog.replace("p99Ms: 250", "p99Ms: -5").replace("  tier: 1", "  tier: 9\n  colour: blue");
    const { issues } = validate(bad);
    expect(issues.map((i) => [i.document, i.path, i.line])).toEqual([
      [2, "spec.colour", 23],
      [2, "spec.tier", 22],
      [3, "spec.budget.p99Ms", 36],
    ]);
    expect(issues[1]!.message).toBe("Tier is 1 (most critical) to 4");
  });

  it("checks the envelope: apiVersion, kind, metadata.name and where names go", () => {
    const { issues } = validate(`apiVersion: edgewise.dev/v1\nkind: Widget\nmetadata: {name: x}\n---\napiVersion: edgewise.dev/v1\nkind: Team\nmetadata: {}\n---\napiVersion: edgewise.dev/v1\nkind: Team\nmetadata: {name: ok-team}\nspec: {slug: ok-team, name: Ok}\n`);
    expect(issues.map((i) => [i.document, i.path])).toEqual([
      [0, "kind"],
      [1, "metadata.name"],
      [2, "spec.slug"],
    ]);
  });

  it("rejects the same kind and name declared twice", () => {
    const { issues } = validate(`${catalog}---\napiVersion: edgewise.dev/v1\nkind: Team\nmetadata: {name: checkout-team}\nspec: {name: Again}\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/declared twice \(first in catalog.yaml, document 1\)/);
  });

  it("resolves references against the batch and what is known, as errors or warnings", () => {
    const { batch } = validate(catalog.replace("targetService: payments", "targetService: ledger"));
    const none = { teams: new Set<string>(), services: new Set<string>(), integrations: new Set<string>() };
    expect(referenceIssues(batch, none).map((i) => [i.path, i.message, i.severity])).toEqual([["spec.targetService", "Unknown service ledger", "error"]]);
    expect(referenceIssues(batch, { ...none, services: new Set(["ledger"]) })).toEqual([]);
    expect(referenceIssues(batch, none, "warning")[0]!.severity).toBe("warning");
  });
});

describe("spec.pattern", () => {
  const withPattern = (spec: string) => `apiVersion: edgewise.dev/v1
kind: Integration
metadata:
  name: orders->billing:order-placed
spec:
  sourceService: orders
  targetService: billing
  operation: order-placed
${spec}`;

  it("fills the design fields the document leaves out from the blueprint; what it says wins", () => {
    const outbox = patternByName("event-outbox")!.defaults;
    const { batch, issues } = validate(withPattern("  pattern: event-outbox\n  protocol: pulsar\n  delivery:\n    deadLetterQueue: billing.order-placed.dlq\n"));
    expect(issues).toEqual([]);
    const d = batch.integrations[0]!.value;
    expect(d).toMatchObject({ pattern: "event-outbox", style: "async-event", protocol: "pulsar", budget: outbox.budget, idempotency: outbox.idempotency, contract: outbox.contract });
    expect(d.delivery).toEqual({ ...outbox.delivery, deadLetterQueue: "billing.order-placed.dlq" });
    expect(d.sourceService).toBe("orders");
  });

  it("names the known patterns for an unknown one, on its line", () => {
    const { batch, issues } = validate(withPattern("  pattern: two-phase-commit\n  style: sync\n  protocol: http\n  budget: { p99Ms: 100 }\n"));
    expect(batch.integrations).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "spec.pattern", line: 9, severity: "error" });
    expect(issues[0]!.message).toMatch(/^Unknown pattern two-phase-commit; the patterns are .*sync-request.*event-outbox/);
  });

  it("exports the pattern with the fields, and reads back to the same declaration", () => {
    const { batch } = validate(withPattern("  pattern: keyed-stream\n"));
    const d = batch.integrations[0]!.value;
    const state = emptyState();
    state.integrations.set(d.key, { id: "i1", teamId: "t1", declaration: d });
    const yaml = toYaml(catalogDocuments(state));
    expect(yaml).toContain("pattern: keyed-stream");
    expect(validate(yaml).batch.integrations[0]!.value).toEqual(d);
  });
});

describe("collectEdgewise", () => {
  it("names an unsupported apiVersion and passes Edgewise documents through", () => {
    const { sources } = parse(`apiVersion: v1\nkind: ConfigMap\n---\nkind: Team\n---\n${catalog}`);
    const { sources: kept, issues } = collectEdgewise(sources, [], {});
    expect(kept).toHaveLength(4);
    expect(issues.map((i) => i.message)).toEqual([
      'Unsupported apiVersion "v1": Edgewise reads edgewise.dev/v1, backstage.io/v1alpha1 (or v1beta1) and openslo/v1',
      "apiVersion is missing: use edgewise.dev/v1 (or a Backstage or OpenSLO descriptor)",
    ]);
  });

  it("hands Backstage descriptors of either apiVersion to the Backstage translator", () => {
    const { sources } = parse(`apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: a}\n---\napiVersion: backstage.io/v1beta1\nkind: Group\nmetadata: {name: b}\n`);
    const seen: string[] = [];
    const { issues } = collectEdgewise(sources, [], { backstage: (given) => (seen.push(...given.map((g) => (g.value as { metadata: { name: string } }).metadata.name)), { documents: [], issues: [] }) });
    expect(issues).toEqual([]);
    expect(seen).toEqual(["a", "b"]);
  });

  it("lets a translated document replace the batch's own declaration of the same entity", () => {
    const { sources } = parse(`${catalog}---\napiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\n`);
    const translated = { apiVersion: "edgewise.dev/v1" as const, kind: "Service" as const, metadata: { name: "payments" }, spec: { name: "Payments!", team: "checkout-team" } };
    const { sources: kept } = collectEdgewise(sources, [], { openslo: () => ({ documents: [translated], issues: [] }) });
    expect(kept.map((s) => (s.value as { metadata: { name: string } }).metadata.name)).toEqual(["checkout-team", "checkout", "checkout->payments:authorize", "payments"]);
  });
});

/** The state a database would hold after importing `content` (what load-state reads back). */
function stateOf(content: string): CatalogState {
  const { batch } = validate(content);
  const state = emptyState();
  for (const t of batch.teams) state.teams.set(t.name, { id: `team:${t.name}`, spec: t.value });
  for (const s of batch.services) state.services.set(s.name, { id: `svc:${s.name}`, teamId: `team:${s.value.team}`, spec: normalizeService(s.value) });
  for (const i of batch.integrations) {
    const team = state.services.get(i.value.sourceService)!.spec.team;
    state.integrations.set(i.name, { id: `ip:${i.name}`, teamId: `team:${team}`, declaration: normalizeDeclaration(i.value, (s) => state.services.get(s)!.spec.telemetryName) });
  }
  return state;
}

describe("planImport", () => {
  it("creates everything into an empty catalog, and nothing the second time", () => {
    const { batch } = validate(catalog);
    const first = planImport(batch, emptyState(), admin, { prune: false });
    expect(first.plan.created.map((e) => `${e.kind}/${e.name}`)).toEqual(["Team/checkout-team", "Service/checkout", "Service/payments", "Integration/checkout->payments:authorize"]);
    const second = planImport(batch, stateOf(catalog), admin, { prune: false });
    expect(second.plan).toEqual({ created: [], changed: [], retired: [], unchanged: 4 });
    expect(second.operations).toEqual([]);
  });

  it("shows field-level changes and retires with prune only what the files' services lost", () => {
    const state = stateOf(catalog);
    const { batch } = validate(catalog.replace("p99Ms: 250", "p99Ms: 300").replace(/---\napiVersion: edgewise.dev\/v1\nkind: Integration[\s\S]*$/, ""));
    expect(planImport(batch, state, admin, { prune: false }).plan.retired).toEqual([]);
    const changedOnly = validate(catalog.replace("p99Ms: 250", "p99Ms: 300")).batch;
    expect(planImport(changedOnly, state, admin, { prune: false }).plan.changed).toEqual([
      // The line is where the document starts (its `apiVersion`), as editors and CI annotate it.
      { kind: "Integration", name: "checkout->payments:authorize", file: "catalog.yaml", document: 3, line: 24, changes: [{ path: "budget.p99Ms", before: 250, after: 300 }] },
    ]);
    const pruned = planImport(batch, state, admin, { prune: true });
    expect(pruned.plan.retired.map((e) => e.name)).toEqual(["checkout->payments:authorize"]);
    expect(pruned.operations).toEqual([{ type: "retire", kind: "Integration", name: "checkout->payments:authorize" }]);
  });

  it("refuses members what their teams do not own, and teams to anyone but admins", () => {
    const state = stateOf(catalog);
    const { batch } = validate(catalog.replace("p99Ms: 250", "p99Ms: 300").replace("spec: { name: Checkout }", "spec: { name: Checkout!! }"));
    const stranger = planImport(batch, state, { role: "member", teamIds: ["team:other"] }, { prune: false });
    expect(stranger.forbidden.map((i) => i.message)).toEqual([
      "You may not change team checkout-team: teams are managed by admins",
      "You may not change integration point checkout->payments:authorize: it belongs to team checkout-team, and members may change only their own teams' catalog",
    ]);
    const owner = planImport(validate(catalog.replace("p99Ms: 250", "p99Ms: 300")).batch, state, { role: "member", teamIds: ["team:checkout-team"] }, { prune: false });
    expect(owner.forbidden).toEqual([]);
    const reader = planImport(batch, state, { role: "viewer", teamIds: [] }, { prune: false });
    expect(reader.forbidden[1]!.message).toMatch(/your role \(viewer\) cannot change the catalog/);
  });
});

describe("export", () => {
  it("writes documents in a fixed order without empty parts, and reads back to the same plan", () => {
    const state = stateOf(catalog);
    const yaml = toYaml(catalogDocuments(state));
    expect(yaml.startsWith("---\napiVersion: edgewise.dev/v1\nkind: Team\nmetadata:\n  name: checkout-team\nspec:\n  name: Checkout\n")).toBe(true);
    expect(yaml).not.toMatch(/null|: ""|: \[\]/);
    expect(yaml).not.toMatch(/telemetry:/);
    const again = validate(yaml);
    expect(again.issues).toEqual([]);
    expect(planImport(again.batch, state, admin, { prune: true }).plan).toEqual({ created: [], changed: [], retired: [], unchanged: 4 });
    expect(toYaml(catalogDocuments(stateOf(yaml)))).toBe(yaml);
  });
});
