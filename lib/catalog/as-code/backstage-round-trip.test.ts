import { describe, expect, it } from "vitest";
import { fromBackstage, toBackstage } from "./backstage";
import { collectEdgewise } from "./formats";
import { parseYamlFiles } from "./parse";
import { validateDocuments } from "./validate";
import type { CatalogDocument } from "./types";

const parse = (files: { name: string; content: string }[]) => {
  const parsed = parseYamlFiles(files);
  expect(parsed.issues).toEqual([]);
  return parsed.sources;
};
const lineIn = (content: string, needle: string) => content.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("Backstage import: each translated document points at the entity it came from", () => {
  const org = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n  children: []\n";
  const components = [
    "# services",
    "apiVersion: backstage.io/v1alpha1",
    "kind: Component",
    "metadata:",
    "  name: checkout",
    "spec:",
    "  type: service",
    "  lifecycle: production",
    "  owner: payments",
    "  dependsOn:",
    "    - component:ledger",
    "---",
    "apiVersion: backstage.io/v1alpha1",
    "kind: Component",
    "metadata:",
    "  name: ledger",
    "  title: '   '",
    "spec:",
    "  type: service",
    "  lifecycle: production",
    "  owner: payments",
    "",
  ].join("\n");
  const files = [
    { name: "org.yaml", content: org },
    { name: "services/catalog-info.yaml", content: components },
  ];
  const collected = collectEdgewise(parse(files), [], { backstage: fromBackstage });
  const sourceOf = (kind: string, name: string) => collected.sources.find((s) => (s.value as CatalogDocument).kind === kind && (s.value as CatalogDocument).metadata.name === name)!;

  it("names the true file, document and line of teams, services and proposed integrations", () => {
    expect(collected.issues).toEqual([]);
    const at = (kind: string, name: string) => {
      const s = sourceOf(kind, name);
      return { file: s.file, document: s.index, line: s.line };
    };
    expect(at("Team", "payments")).toEqual({ file: "org.yaml", document: 0, line: 4 });
    expect(at("Service", "checkout")).toEqual({ file: "services/catalog-info.yaml", document: 0, line: lineIn(components, "name: checkout") });
    expect(at("Service", "ledger")).toEqual({ file: "services/catalog-info.yaml", document: 1, line: lineIn(components, "name: ledger") });
    // The integration comes from checkout's dependsOn entry.
    expect(at("Integration", "checkout->ledger:depends-on")).toEqual({ file: "services/catalog-info.yaml", document: 0, line: lineIn(components, "- component:ledger") });
  });

  it("maps an Edgewise field back to the Backstage field it came from, so validation issues land there", () => {
    expect(sourceOf("Service", "checkout").lines?.["spec.team"]).toBe(9);
    expect(sourceOf("Service", "ledger").lines?.["spec.lifecycle"]).toBe(20);
  });
});

describe("Backstage export → import", () => {
  const doc = (kind: CatalogDocument["kind"], name: string, spec: Record<string, unknown>): CatalogDocument => ({ apiVersion: "edgewise.dev/v1", kind, metadata: { name }, spec });
  const service = (slug: string, team: string, extra: Record<string, unknown> = {}) =>
    doc("Service", slug, { name: slug, team, tier: 2, description: "", links: [], telemetryName: slug, type: null, lifecycle: null, system: null, tags: [], ...extra });
  const integration = (source: string, target: string, operation: string, extra: Record<string, unknown>) =>
    doc("Integration", `${source}->${target}:${operation}`, { sourceService: source, targetService: target, operation, style: "sync", protocol: "http", lifecycle: "active", contract: null, ...extra });
  const catalog = [
    doc("Team", "commerce", { name: "Commerce", parent: null }),
    doc("Team", "checkout-team", { name: "Checkout", parent: "commerce" }),
    doc("Team", "payments-team", { name: "Payments", parent: "commerce" }),
    service("shop", "checkout-team", { type: "system" }),
    service("checkout", "checkout-team", { type: "website", lifecycle: "experimental", system: "shop", tags: ["java", "pci"] }),
    // Nothing recorded: the export writes Backstage's required defaults, and importing them leaves it so.
    service("payments", "payments-team"),
    service("billing", "payments-team", { lifecycle: "production" }),
    // A call without a contract (exported as dependsOn), one with a contract (an API), and an event.
    integration("checkout", "payments", "authorize", {}),
    integration("checkout", "billing", "invoice", { contract: { format: "openapi", ref: "https://git.example.com/billing.yaml", version: null, compatibility: "backward" } }),
    integration("billing", "checkout", "invoice-paid", { style: "async-event", protocol: "kafka", contract: { format: "avro", ref: null, version: "1", compatibility: "backward" } }),
  ];
  const entities = toBackstage(catalog, { baseUrl: "https://edgewise.example.com" }) as { kind: string; metadata: { name: string }; spec: Record<string, unknown> }[];
  const exported = entities.map((e) => JSON.stringify(e)).join("\n---\n");
  const back = fromBackstage(parse([{ name: "exported.yaml", content: exported }]), catalog);

  it("exports the hierarchy, System, type, lifecycle, system and tags", () => {
    const find = (kind: string, name: string) => entities.find((e) => e.kind === kind && e.metadata.name === name)!;
    expect(find("Group", "commerce").spec).toMatchObject({ children: ["group:default/checkout-team", "group:default/payments-team"] });
    expect(find("Group", "checkout-team").spec).toMatchObject({ parent: "group:default/commerce", children: [] });
    expect(find("System", "shop").spec).toEqual({ owner: "group:default/checkout-team" });
    expect(find("Component", "checkout").spec).toMatchObject({ type: "website", lifecycle: "experimental", system: "shop" });
    expect(find("Component", "checkout").metadata).toMatchObject({ tags: ["java", "pci"] });
    expect(find("Component", "payments").spec).toMatchObject({ type: "service", lifecycle: "production" });
    expect(find("API", "billing-invoice-paid").spec).toMatchObject({ type: "avro" });
  });

  it("gives back the same teams and services, and proposes no integration the catalog already has", () => {
    expect(back.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(back.documents.filter((d) => d.kind === "Integration").map((d) => d.metadata.name)).toEqual([]);
    const plain = (docs: CatalogDocument[]) =>
      docs
        .filter((d) => d.kind !== "Integration")
        .map((d) => ({ kind: d.kind, name: d.metadata.name, spec: d.spec }))
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    expect(plain(back.documents)).toEqual(plain(catalog));
  });

  it("imports every exported API type as its contract format", () => {
    const fresh = fromBackstage(parse([{ name: "exported.yaml", content: exported }]), []);
    const { batch, issues } = validateDocuments(collectEdgewise(parse([{ name: "exported.yaml", content: exported }]), [], { backstage: fromBackstage }).sources);
    expect(issues).toEqual([]);
    expect(fresh.issues.filter((i) => i.path === "spec.type")).toEqual([]);
    expect(batch.integrations.map((i) => [i.name, i.value.contract?.format ?? null])).toEqual([
      ["billing->checkout:billing-invoice-paid", "avro"],
      ["checkout->billing:billing-invoice", "openapi"],
      ["checkout->payments:depends-on", null],
    ]);
  });
});
