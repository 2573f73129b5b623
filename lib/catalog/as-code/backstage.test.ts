import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
} from "@backstage/catalog-model";
import { describe, expect, it } from "vitest";
import { teamCreateSchema } from "@/lib/admin/teams";
import { integrationSchema } from "@/lib/catalog/integration-schema";
import { serviceSchema } from "@/lib/catalog/services";
import { catalogInfoYaml } from "./backstage.fixture";
import { fromBackstage, toBackstage } from "./backstage";
import { collectEdgewise } from "./formats";
import { parseYamlFiles } from "./parse";
import { referenceIssues, validateDocuments } from "./validate";
import type { CatalogDocument } from "./types";

const parse = (content: string, name = "catalog-info.yaml") => {
  const parsed = parseYamlFiles([{ name, content }]);
  expect(parsed.issues).toEqual([]);
  return parsed.sources;
};
const doc = (kind: CatalogDocument["kind"], name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): CatalogDocument => ({
  apiVersion: "edgewise.dev/v1",
  kind,
  metadata: annotations ? { name, annotations } : { name },
  spec,
});
const lineOf = (needle: string) => catalogInfoYaml.split("\n").findIndex((l) => l.includes(needle)) + 1;

/** The catalog as it stands: one team, the payments service (tier 1), and an integration already declared. */
const current: CatalogDocument[] = [
  doc("Team", "checkout-team", { name: "Checkout" }),
  doc("Team", "payments-team", { name: "Payments" }),
  doc("Service", "payments", { name: "Payments", team: "payments-team", tier: 1, description: "", links: [], telemetryName: "payments" }),
  doc("Service", "checkout", { name: "Checkout", team: "checkout-team", tier: 2, description: "", links: [], telemetryName: "checkout" }),
  doc("Integration", "checkout->payments:payments-api", { sourceService: "checkout", targetService: "payments", operation: "payments-api", style: "sync", protocol: "http", budget: { p99Ms: 250 } }),
];

const placeholder = (style: string, p99Ms: number, protocol: string, contract: unknown) => ({
  style,
  protocol,
  criticality: "medium",
  lifecycle: "proposed",
  migration: null,
  budget: { p50Ms: null, p95Ms: null, p99Ms },
  slo: { successTargetPercent: 99, latencyTargetPercent: 95, windowDays: 28 },
  consistency: null,
  delivery: null,
  idempotency: null,
  resilience: null,
  contract,
  telemetry: null,
  tags: ["from-backstage"],
  description: expect.stringContaining("Proposed from Backstage"),
});

describe("fromBackstage on a realistic catalog-info.yaml", () => {
  const result = fromBackstage(parse(catalogInfoYaml), current);

  it("maps groups, systems, components and the relations between them to exactly these documents", () => {
    const kept = (type: string | null, lifecycle: string | null, system: string | null = null, tags: string[] = []) => ({ type, lifecycle, system, tags });
    expect(result.documents).toEqual([
      // checkout-team's parent (engineering) is in neither the files nor the catalog: a warning, no parent.
      doc("Team", "checkout-team", { name: "Checkout", parent: null }),
      doc("Team", "fulfilment-team", { name: "Fulfilment", parent: null }),
      doc("Team", "payments-team", { name: "Payments Team", parent: null }),
      doc("Service", "checkout", {
        name: "Checkout",
        team: "checkout-team",
        tier: 2,
        description: "The checkout backend",
        links: [{ title: "Runbook", url: "https://runbooks.example.com/checkout" }],
        telemetryName: "checkout-web",
        ...kept("service", "production", "shop", ["java"]),
      }),
      doc("Service", "fraud-check", { name: "fraud-check", team: "payments-team", tier: 3, description: "", links: [], telemetryName: "fraud-check", ...kept("service", "experimental") }),
      doc("Service", "inventory", { name: "inventory", team: "fulfilment-team", tier: 3, description: "", links: [], telemetryName: "inventory", ...kept("service", "production") }),
      doc("Service", "orders", { name: "orders", team: "checkout-team", tier: 3, description: "", links: [], telemetryName: "orders", ...kept("service", "production", "shop") }),
      doc("Service", "payments", {
        name: "Payments",
        team: "payments-team",
        tier: 1,
        description: "",
        links: [{ title: "dashboard", url: "https://grafana.example.com/d/payments" }],
        telemetryName: "payments-svc",
        ...kept("service", "production"),
      }),
      doc("Service", "shipping", { name: "shipping", team: "fulfilment-team", tier: 3, description: "Books carriers for paid orders", links: [], telemetryName: "shipping", ...kept("service", "experimental") }),
      // A System is a service of type system (no lifecycle in Backstage), so the export gives a System back.
      doc("Service", "shop", { name: "shop", team: "checkout-team", tier: 3, description: "Everything a customer touches to buy", links: [], telemetryName: "shop", ...kept("system", null) }),
      // checkout->payments:payments-api is already declared, so it is not proposed again.
      doc("Integration", "checkout->fraud-check:depends-on", { sourceService: "checkout", targetService: "fraud-check", operation: "depends-on", ...placeholder("sync", 1000, "http", null) }),
      doc("Integration", "checkout->inventory:inventory-graph", {
        sourceService: "checkout",
        targetService: "inventory",
        operation: "inventory-graph",
        ...placeholder("sync", 1000, "graphql", { format: "graphql", ref: "https://git.example.com/inventory/tree/main/schema.graphql", version: null, compatibility: "backward" }),
      }),
      // Events flow from the provider of the channel to its consumer.
      doc("Integration", "orders->shipping:order-events", {
        sourceService: "orders",
        targetService: "shipping",
        operation: "order-events",
        ...placeholder("async-event", 60000, "nats", { format: "asyncapi", ref: "https://docs.example.com/order-events", version: null, compatibility: "backward" }),
      }),
      doc("Integration", "shipping->inventory:inventory-proto", {
        sourceService: "shipping",
        targetService: "inventory",
        operation: "inventory-proto",
        ...placeholder("sync", 1000, "grpc", { format: "protobuf", ref: "https://git.example.com/inventory/inventory.proto", version: null, compatibility: "backward" }),
      }),
    ]);
  });

  it("says what the owning team must complete on each proposed integration", () => {
    const integrations = result.documents.filter((d) => d.kind === "Integration");
    for (const i of integrations) expect(i.spec.description).toMatch(/must complete it before moving it to active/);
    expect(integrations.find((i) => i.metadata.name === "orders->shipping:order-events")!.spec.description).toMatch(/`orders` publishes the API `order-events` \(asyncapi\) that `shipping` consumes[\s\S]*delivery guarantee/);
    expect(integrations.find((i) => i.metadata.name === "checkout->fraud-check:depends-on")!.spec.description).toMatch(/`checkout` depends on `fraud-check` \(Backstage dependsOn\)[\s\S]*timeout, retries/);
  });

  it("warns, with file, document, path and line, about what it cannot map, and reports no errors", () => {
    const at = (document: number, path: string) => result.issues.find((i) => i.document === document && i.path === path)!;
    const got = result.issues.map((i) => ({ document: i.document, path: i.path, severity: i.severity, file: i.file })).sort((a, b) => a.document - b.document || a.path.localeCompare(b.path));
    const w = (document: number, path: string) => ({ document, path, severity: "warning", file: "catalog-info.yaml" });
    expect(got).toEqual([w(0, "spec.parent"), w(3, "kind"), w(5, "metadata.links.1.url"), w(5, "spec.dependsOn.1"), w(9, "spec.consumesApis.2"), w(15, "spec.type"), w(16, "kind")]);
    expect(at(0, "spec.parent").message).toBe("The parent Group engineering is neither in these files nor a team in the catalog; team checkout-team is imported without a parent");
    expect(at(0, "spec.parent").line).toBe(lineOf("parent: engineering"));
    expect(at(3, "kind").message).toMatch(/User .*jdoe/);
    expect(at(16, "kind").message).toMatch(/Location .*shop-entities/);
    expect(at(5, "spec.dependsOn.1").message).toMatch(/resource:default\/orders-db is a resource/);
    expect(at(9, "spec.consumesApis.2").message).toMatch(/provides the API legacy-soap/);
    expect(at(15, "spec.type").message).toMatch(/"wsdl"/);
    expect(at(5, "metadata.links.1.url").line).toBe(lineOf("slack://"));
    expect(at(5, "spec.dependsOn.1").line).toBe(lineOf("resource:default/orders-db"));
  });

  it("emits only documents that the real zod schemas accept, named as those schemas name them", () => {
    for (const d of result.documents) {
      if (d.kind === "Team") expect(teamCreateSchema.safeParse({ slug: d.metadata.name, ...d.spec }).error).toBeUndefined();
      else if (d.kind === "Service") expect(serviceSchema.safeParse({ slug: d.metadata.name, ...d.spec }).error).toBeUndefined();
      else {
        const parsed = integrationSchema.safeParse({ key: d.metadata.name, ...d.spec });
        expect(parsed.error).toBeUndefined();
        expect(parsed.data!.key).toBe(`${String(d.spec.sourceService)}->${String(d.spec.targetService)}:${String(d.spec.operation)}`);
      }
    }
  });

  it("goes through the import pipeline's own validation onto an empty catalog without an error", () => {
    const collected = collectEdgewise(parse(catalogInfoYaml), [], { backstage: fromBackstage });
    expect(collected.issues.filter((i) => i.severity === "error")).toEqual([]);
    const { batch, issues } = validateDocuments(collected.sources);
    expect(issues).toEqual([]);
    expect(referenceIssues(batch, { teams: new Set(), services: new Set(), integrations: new Set() })).toEqual([]);
    expect(batch.integrations.map((i) => i.name)).toContain("checkout->payments:payments-api");
    expect(batch.integrations.every((i) => i.value.lifecycle === "proposed" && i.value.tags.includes("from-backstage"))).toBe(true);
  });

  it("proposes nothing twice: importing again onto the result adds no integration", () => {
    const again = fromBackstage(parse(catalogInfoYaml), [...current, ...result.documents]);
    expect(again.documents.filter((d) => d.kind === "Integration")).toEqual([]);
    expect(again.documents.filter((d) => d.kind !== "Integration")).toEqual(result.documents.filter((d) => d.kind !== "Integration"));
  });
});

describe("fromBackstage errors", () => {
  const yaml = [
    "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: solo}\nspec: {type: service, lifecycle: production, owner: user:default/jdoe}",
    "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: orphan}\nspec: {type: service, lifecycle: production, owner: group:nobody}",
    "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: loose}\nspec: {type: service, lifecycle: production}",
    "apiVersion: edgewise.dev/v1\nkind: Team\nmetadata: {name: t}\nspec: {name: T}",
    "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {title: No name}\nspec: {type: team, children: []}",
    "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: web}\nspec: {type: team, children: []}",
    "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: Web}\nspec: {type: team, children: []}",
    "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: site}\nspec: {owner: web}",
    "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: Site}\nspec: {type: website, lifecycle: production, owner: web}",
  ].join("\n---\n");
  const result = fromBackstage(parse(yaml, "bad.yaml"), []);

  it("places User-owned and unknown-Group-owned services in the default team with a warning; refuses missing owners and names, duplicates and foreign documents", () => {
    expect(result.documents.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual(["Team needs-owner", "Team web", "Service orphan", "Service site", "Service solo"]);
    expect(result.documents.find((d) => d.metadata.name === "needs-owner")!.spec).toEqual({ name: "Needs owner", parent: null });
    expect(result.documents.filter((d) => d.kind === "Service").map((d) => [d.metadata.name, d.spec.team])).toEqual([
      ["orphan", "needs-owner"],
      ["site", "web"],
      ["solo", "needs-owner"],
    ]);
    expect(result.issues.map((i) => [i.document, i.path, i.severity])).toEqual([
      [3, "apiVersion", "error"],
      [4, "metadata.name", "error"],
      [6, "metadata.name", "error"],
      [0, "spec.owner", "warning"],
      [1, "spec.owner", "warning"],
      [2, "spec.owner", "error"],
      [8, "metadata.name", "error"],
    ]);
    expect(result.issues.find((i) => i.document === 0)!.message).toBe("user:default/jdoe is a User, and Edgewise services belong to teams: Component solo is placed in team needs-owner until a team takes it over");
    expect(result.issues.find((i) => i.document === 1)!.message).toMatch(/group:nobody is neither a Group in these files nor a team in the catalog: Component orphan is placed in team needs-owner/);
    expect(result.issues.every((i) => i.file === "bad.yaml")).toBe(true);
    expect(result.issues.find((i) => i.document === 8)!.message).toMatch(/also service site/);
  });

  it("uses the configured default team, and creates it only when it is not a team already", () => {
    const configured = fromBackstage(parse(yaml, "bad.yaml"), [doc("Team", "platform", { name: "Platform" })], { defaultTeam: "platform", mayCreateTeams: true });
    expect(configured.documents.filter((d) => d.kind === "Team").map((d) => d.metadata.name)).toEqual(["web"]);
    expect(configured.documents.filter((d) => d.spec.team === "platform").map((d) => d.metadata.name)).toEqual(["orphan", "solo"]);
  });
});

describe("fromBackstage for a caller who may not create teams", () => {
  const org = [
    "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: checkout-team}\nspec: {type: team, children: []}",
    "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: search}\nspec: {type: team, children: []}",
    "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ads}\nspec: {type: team, children: []}",
    "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: cart}\nspec: {type: service, lifecycle: production, owner: checkout-team, dependsOn: [indexer]}",
    "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: indexer}\nspec: {type: service, lifecycle: production, owner: search}",
    "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: scratch}\nspec: {type: service, lifecycle: production, owner: user:jdoe}",
  ].join("\n---\n");
  const member = fromBackstage(parse(org, "org.yaml"), [doc("Team", "checkout-team", { name: "Checkout" })], { defaultTeam: "needs-owner", mayCreateTeams: false });

  it("keeps the teams that exist and what they own, and says in one issue which teams and services were left out", () => {
    expect(member.documents.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual(["Team checkout-team", "Service cart"]);
    expect(member.issues).toEqual([
      {
        file: "org.yaml",
        document: 1,
        path: "metadata.name",
        severity: "warning",
        // The second document's metadata.name: the first Group left out.
        line: 8,
        message:
          "Only an admin may create teams: 3 teams search, ads, needs-owner are not in Edgewise yet, so they were not created, and the 2 Components and Systems they own (indexer, scratch) were not imported. Ask an admin to import these files or to create the teams first.",
      },
    ]);
  });
});

// Backstage's entity rules (from its descriptor format): names are [a-zA-Z0-9] runs separated by
// [-_.], at most 63 characters; annotation keys are an optional DNS-subdomain prefix and such a
// name; each kind has its required spec fields; every reference resolves to an emitted entity.
const namePattern = /^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/;
const prefixPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const required: Record<string, string[]> = { Component: ["type", "lifecycle", "owner"], Group: ["type", "children"], System: ["owner"], API: ["type", "lifecycle", "owner", "definition"] };
type Entity = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, unknown>; links?: { url: string }[] }; spec: Record<string, unknown> };

function backstageProblems(entities: Entity[]): string[] {
  const problems: string[] = [];
  const refs = new Set(entities.map((e) => `${e.kind.toLowerCase()}:default/${e.metadata.name}`));
  for (const e of entities) {
    const at = `${e.kind} ${e.metadata.name}`;
    if (e.apiVersion !== "backstage.io/v1alpha1") problems.push(`${at}: apiVersion`);
    if (!namePattern.test(e.metadata.name) || e.metadata.name.length > 63) problems.push(`${at}: name`);
    for (const [key, value] of Object.entries(e.metadata.annotations ?? {})) {
      const [prefix, name] = key.includes("/") ? key.split("/") : [null, key];
      if ((prefix !== null && (!prefixPattern.test(prefix!) || prefix!.length > 253)) || !namePattern.test(name!) || name!.length > 63) problems.push(`${at}: annotation key ${key}`);
      if (typeof value !== "string") problems.push(`${at}: annotation ${key} is not a string`);
    }
    for (const link of e.metadata.links ?? []) if (!/^https?:\/\//.test(link.url)) problems.push(`${at}: link ${link.url}`);
    for (const field of required[e.kind] ?? ["(unknown kind)"]) if (e.spec[field] === undefined || e.spec[field] === "") problems.push(`${at}: spec.${field}`);
    const definition = e.spec.definition;
    if (e.kind === "API" && typeof definition !== "string" && typeof (definition as { $text?: unknown })?.$text !== "string") problems.push(`${at}: definition`);
    for (const [field, kind] of [["owner", "group"], ["providesApis", "api"], ["consumesApis", "api"], ["dependsOn", "component"]] as const) {
      const values = ([] as unknown[]).concat(e.spec[field] ?? []);
      for (const v of values) if (typeof v !== "string" || !refs.has(v) || !v.startsWith(`${kind}:`)) problems.push(`${at}: ${field} ${String(v)} does not resolve`);
    }
  }
  return problems;
}

describe("toBackstage", () => {
  const imported = fromBackstage(parse(catalogInfoYaml), current).documents;
  const active = doc("Integration", "checkout->payments:authorize.v2/card", {
    sourceService: "checkout",
    targetService: "payments",
    operation: "authorize.v2/card",
    style: "sync",
    protocol: "grpc",
    lifecycle: "active",
    contract: { format: "protobuf", ref: "payments/authorize.proto", version: "2.3.0", compatibility: "backward" },
  });
  const retired = doc("Integration", "checkout->shipping:quote", { sourceService: "checkout", targetService: "shipping", operation: "quote", style: "sync", protocol: "http", lifecycle: "retired" });
  const catalog = [...imported, active, retired];
  const entities = toBackstage(catalog, { baseUrl: "https://edgewise.example.com/" }) as Entity[];

  it("emits a Group per team and a Component per service, valid under Backstage's entity rules", () => {
    expect(backstageProblems(entities)).toEqual([]);
    expect(entities.filter((e) => e.kind === "Group").map((e) => e.metadata.name)).toEqual(["checkout-team", "fulfilment-team", "payments-team"]);
    expect(entities.filter((e) => e.kind === "Component").map((e) => e.metadata.name)).toEqual(["checkout", "fraud-check", "inventory", "orders", "payments", "shipping"]);
    expect(entities.filter((e) => e.kind === "System").map((e) => [e.metadata.name, e.spec])).toEqual([["shop", { owner: "group:default/checkout-team" }]]);
  });

  it("passes @backstage/catalog-model's own entity policies and kind validators", async () => {
    const policies = [new FieldFormatEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new SchemaValidEntityPolicy()];
    const kinds = [componentEntityV1alpha1Validator, systemEntityV1alpha1Validator, groupEntityV1alpha1Validator, apiEntityV1alpha1Validator];
    for (const entity of entities) {
      for (const policy of policies) await expect(policy.enforce(entity as never), `${entity.kind} ${entity.metadata.name}`).resolves.toBeDefined();
      // Backstage resolves `$text` placeholders (fetching the URL) before it validates the kind.
      const definition = entity.spec.definition as { $text?: string } | undefined;
      const resolved = definition?.$text ? { ...entity, spec: { ...entity.spec, definition: `contents of ${definition.$text}` } } : entity;
      const verdicts = await Promise.all(kinds.map((k) => k.check(resolved as never)));
      expect(verdicts.filter(Boolean), `${entity.kind} ${entity.metadata.name}`).toHaveLength(1);
    }
  });

  it("links each component back to Edgewise and derives its relations from the integrations", () => {
    const checkout = entities.find((e) => e.kind === "Component" && e.metadata.name === "checkout")!;
    expect(checkout.metadata.annotations).toEqual({
      "edgewise.dev/service-url": "https://edgewise.example.com/services/checkout",
      "edgewise.dev/catalog-url": "https://edgewise.example.com/catalog?service=checkout",
      "edgewise.dev/telemetry-name": "checkout-web",
      "edgewise.dev/tier": "2",
    });
    expect(checkout.spec).toEqual({
      type: "service",
      lifecycle: "production",
      owner: "group:default/checkout-team",
      system: "shop",
      consumesApis: ["api:default/inventory-graph", "api:default/payments-authorize-v2-card"],
      // The retired quote call is gone; depends-on had no contract, so it is a plain dependency.
      dependsOn: ["component:default/fraud-check"],
    });
    const orders = entities.find((e) => e.metadata.name === "orders")!;
    expect(orders.spec.providesApis).toEqual(["api:default/orders-order-events"]);
    const proto = entities.find((e) => e.kind === "API" && e.metadata.name === "payments-authorize-v2-card")!;
    expect(proto.spec).toEqual({ type: "grpc", lifecycle: "production", owner: "group:default/payments-team", definition: expect.stringContaining("payments/authorize.proto") });
    const graph = entities.find((e) => e.kind === "API" && e.metadata.name === "inventory-graph")!;
    expect(graph.spec.definition).toEqual({ $text: "https://git.example.com/inventory/tree/main/schema.graphql" });
    expect(graph.spec.lifecycle).toBe("experimental");
  });

  it("keeps names valid when keys are long", () => {
    const long = "a".repeat(60);
    const docs = [
      doc("Team", "t1", { name: "T" }),
      doc("Service", long, { name: "L", team: "t1", tier: 3, description: "", links: [], telemetryName: null }),
      doc("Service", "b", { name: "B", team: "t1", tier: 3, description: "", links: [], telemetryName: null }),
      doc("Integration", `b->${long}:x`, { sourceService: "b", targetService: long, operation: `${"op".repeat(30)}`, style: "sync", protocol: "http", contract: { format: "openapi", ref: null, version: null, compatibility: "none" } }),
    ];
    const out = toBackstage(docs, { baseUrl: "http://localhost:3000" }) as Entity[];
    expect(backstageProblems(out)).toEqual([]);
    expect(out.find((e) => e.kind === "API")!.metadata.name.length).toBeLessThanOrEqual(63);
  });

  it("round-trips teams and services through Backstage and back", () => {
    const back = fromBackstage(
      parse(entities.map((e) => JSON.stringify(e)).join("\n---\n"), "exported.yaml"),
      [],
    );
    expect(back.issues.filter((i) => i.severity === "error")).toEqual([]);
    const strip = (docs: CatalogDocument[]) => docs.filter((d) => d.kind !== "Integration").map((d) => ({ kind: d.kind, name: d.metadata.name, spec: d.spec }));
    expect(strip(back.documents)).toEqual(strip(imported));
  });
});

describe("Backstage import: names and namespaces by Backstage's rules", () => {
  const group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n  children: []\n";
  const component = (metadata: string) => `${group}---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n${metadata}\nspec:\n  type: service\n  lifecycle: production\n  owner: group:payments\n`;

  it("refuses a name with a space (Backstage would), instead of rewriting it", () => {
    const result = fromBackstage(parse(component("  name: payments service")), []);
    expect(result.issues.filter((i) => i.severity === "error").map((i) => [i.path, i.message])).toEqual([["metadata.name", '"payments service" is not a Backstage name: letters, digits, - _ and ., starting and ending with a letter or digit']]);
    expect(result.documents.filter((d) => d.kind === "Service")).toEqual([]);
  });

  it("refuses a namespace that is no DNS label", () => {
    const result = fromBackstage(parse(component("  name: payments-api\n  namespace: Team_A")), []);
    expect(result.issues.map((i) => [i.path, i.severity])).toContainEqual(["metadata.namespace", "error"]);
  });

  it("warns about a reference into another namespace, instead of dropping the namespace silently", () => {
    const result = fromBackstage(parse(component("  name: payments-api").replace("owner: group:payments", "owner: group:finance/payments")), []);
    expect(result.issues).toEqual([expect.objectContaining({ path: "spec.owner", severity: "warning", message: "Edgewise's catalog has no namespaces: group:finance/payments is read as group payments" })]);
    expect(result.documents.find((d) => d.kind === "Service")!.spec.team).toBe("payments");
  });

  it("imports another namespace's entity with a warning that the namespace is not kept", () => {
    const result = fromBackstage(parse(component("  name: payments-api\n  namespace: team-a")), []);
    expect(result.issues).toContainEqual(expect.objectContaining({ path: "metadata.namespace", severity: "warning", message: "Edgewise's catalog has no namespaces: Component team-a/payments-api is imported as payments-api" }));
    expect(result.documents.map((d) => `${d.kind}:${d.metadata.name}`)).toContain("Service:payments-api");
  });
});
