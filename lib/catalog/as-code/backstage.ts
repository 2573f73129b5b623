// Backstage descriptors (catalog-info.yaml) into Edgewise documents (pure): Groups become teams,
// Components and Systems services, APIs contract references, and the relations between them
// proposed integration points that the owning team completes. Export lives in backstage-export.ts.
import { integrationKey, type contractFormats, type Style } from "@/lib/catalog/integration-schema";

type ContractFormat = (typeof contractFormats)[number];
import { backstageNameProblem, backstageNamespaceProblem } from "./backstage-names";
import { asRecord, asString, asStringList, isHttpUrl } from "./names";
import { issueAt } from "./parse";
import { API_VERSION, type CatalogDocument, type DocumentIssue, type SourceDocument, type TranslationResult } from "./types";

export { toBackstage } from "./backstage-export";

/** The tag every integration proposed from Backstage carries, so a team can find what to complete. */
export const FROM_BACKSTAGE_TAG = "from-backstage";
const TELEMETRY_ANNOTATIONS = ["edgewise.dev/telemetry-name", "backstage.io/kubernetes-id"];

interface Entity {
  source: SourceDocument;
  kind: string;
  name: string;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
}

interface ApiInfo {
  type: string;
  format: ContractFormat | null;
  style: Style;
  protocol: string;
  ref: string | null;
  system: string | null;
}

/** Backstage names allow `_`, `.` and capitals; Edgewise slugs are lowercase words joined by hyphens. */
function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** `[kind:][namespace/]name`, with the kind a reference implies when it is left out. */
export function parseEntityRef(ref: string, defaultKind: string): { kind: string; name: string } {
  const colon = ref.indexOf(":");
  const kind = colon > 0 ? ref.slice(0, colon).toLowerCase() : defaultKind;
  const rest = colon > 0 ? ref.slice(colon + 1) : ref;
  return { kind, name: rest.slice(rest.indexOf("/") + 1) };
}

/** Backstage API types Edgewise maps to a contract format; the export writes only these (a test checks). */
export const apiTypes: Record<string, Omit<ApiInfo, "type" | "ref" | "system">> = {
  openapi: { format: "openapi", style: "sync", protocol: "http" },
  asyncapi: { format: "asyncapi", style: "async-event", protocol: "kafka" },
  grpc: { format: "protobuf", style: "sync", protocol: "grpc" },
  graphql: { format: "graphql", style: "sync", protocol: "graphql" },
  // Message schemas: what Edgewise's own export writes for its Avro and JSON Schema contracts.
  avro: { format: "avro", style: "async-event", protocol: "kafka" },
  "json-schema": { format: "json-schema", style: "async-event", protocol: "kafka" },
};

/** Where the API's definition lives: a `$text`/`$yaml`/`$json` substitution, a URL, or its source location. */
function definitionRef(entity: Entity): string | null {
  const definition = entity.spec.definition;
  const substitution = asRecord(definition);
  const target = substitution ? (asString(substitution.$text) ?? asString(substitution.$yaml) ?? asString(substitution.$json)) : null;
  if (target) return target;
  const text = asString(definition);
  if (text && isHttpUrl(text)) return text;
  const location = asString(asRecord(entity.metadata.annotations)?.["backstage.io/source-location"]);
  if (location) return location.replace(/^url:/, "");
  const links: unknown[] = Array.isArray(entity.metadata.links) ? entity.metadata.links : [];
  return asString(asRecord(links[0])?.url);
}

export function fromBackstage(sources: SourceDocument[], current: CatalogDocument[]): TranslationResult {
  const issues: DocumentIssue[] = [];
  const issue = (source: SourceDocument, path: string, message: string, severity: DocumentIssue["severity"] = "error") => issues.push(issueAt(source, path, message, severity));

  const entities: Entity[] = [];
  for (const source of sources) {
    const value = asRecord(source.value);
    const apiVersion = asString(value?.apiVersion);
    if (!value || !apiVersion?.startsWith("backstage.io/")) {
      issue(source, "apiVersion", "Not a Backstage entity: apiVersion should be backstage.io/v1alpha1");
      continue;
    }
    const metadata = asRecord(value.metadata) ?? {};
    const kind = asString(value.kind);
    const name = asString(metadata.name);
    const namespace = metadata.namespace === undefined ? null : asString(metadata.namespace);
    if (!kind) issue(source, "kind", "The entity needs a kind");
    else if (!name) issue(source, "metadata.name", "The entity needs metadata.name");
    // Backstage refuses these names itself; they are refused here too, not rewritten.
    else if (backstageNameProblem(name)) issue(source, "metadata.name", backstageNameProblem(name)!);
    else if (metadata.namespace !== undefined && (namespace === null || backstageNamespaceProblem(namespace))) {
      issue(source, "metadata.namespace", namespace === null ? "metadata.namespace is a string" : backstageNamespaceProblem(namespace)!);
    }
    else if (!["Group", "Component", "System", "API"].includes(kind)) {
      issue(source, "kind", `Backstage ${kind} entities have no Edgewise counterpart; ${name} was skipped`, "warning");
    } else {
      if (namespace && namespace !== "default") {
        issue(source, "metadata.namespace", `Edgewise's catalog has no namespaces: ${kind} ${namespace}/${name} is imported as ${name}`, "warning");
      }
      entities.push({ source, kind, name, metadata, spec: asRecord(value.spec) ?? {} });
    }
  }

  const documents: CatalogDocument[] = [];
  const teams = new Set(current.filter((d) => d.kind === "Team").map((d) => d.metadata.name));
  const currentServices = new Map(current.filter((d) => d.kind === "Service").map((d) => [d.metadata.name, d]));

  const groupSlugs = new Set<string>();
  for (const group of entities.filter((e) => e.kind === "Group")) {
    const slug = slugOf(group.name);
    if (slug.length < 2 || slug.length > 63) {
      issue(group.source, "metadata.name", `The group name ${group.name} does not make a team slug (2 to 63 letters, digits and hyphens)`);
      continue;
    }
    if (groupSlugs.has(slug)) {
      issue(group.source, "metadata.name", `Another Group in these files is also team ${slug}`);
      continue;
    }
    groupSlugs.add(slug);
    const name = asString(asRecord(group.spec.profile)?.displayName) ?? asString(group.metadata.title) ?? group.name;
    teams.add(slug);
    documents.push({ apiVersion: API_VERSION, kind: "Team", metadata: { name: slug }, spec: { name } });
  }

  const services = new Map<string, Entity>();
  for (const entity of entities.filter((e) => e.kind === "Component" || e.kind === "System")) {
    const slug = slugOf(entity.name);
    const ownerRef = asString(entity.spec.owner);
    const owner = ownerRef ? parseEntityRef(ownerRef, "group") : null;
    if (slug.length < 2 || slug.length > 63) {
      issue(entity.source, "metadata.name", `The name ${entity.name} does not make a service slug (2 to 63 letters, digits and hyphens)`);
      continue;
    }
    if (services.has(slug)) {
      issue(entity.source, "metadata.name", `Another Component or System in these files is also service ${slug}`);
      continue;
    }
    if (!owner) {
      issue(entity.source, "spec.owner", `${entity.kind} ${entity.name} needs an owner: the Group of the team that owns it`);
      continue;
    }
    if (owner.kind !== "group") {
      issue(entity.source, "spec.owner", `Edgewise services belong to teams: ${ownerRef} is a ${owner.kind}, make a Group the owner`);
      continue;
    }
    if (!teams.has(slugOf(owner.name))) {
      issue(entity.source, "spec.owner", `The owner ${ownerRef} is neither a Group in these files nor a team in the catalog`);
      continue;
    }
    services.set(slug, entity);
    documents.push(serviceDocument(entity, slug, slugOf(owner.name), currentServices.get(slug), (path, message) => issue(entity.source, path, message, "warning")));
  }

  const apis = new Map<string, ApiInfo>();
  for (const api of entities.filter((e) => e.kind === "API")) {
    const type = (asString(api.spec.type) ?? "").toLowerCase();
    const known = apiTypes[type];
    if (!known) issue(api.source, "spec.type", `API type "${type || "(none)"}" has no Edgewise contract format (${Object.keys(apiTypes).join(", ")}); its integrations get no contract`, "warning");
    const protocol = asString(asRecord(api.metadata.annotations)?.["edgewise.dev/protocol"])?.toLowerCase();
    const system = asString(api.spec.system);
    apis.set(slugOf(api.name), {
      type: type || "unknown",
      format: known?.format ?? null,
      style: known?.style ?? "sync",
      protocol: protocol ?? known?.protocol ?? "http",
      ref: definitionRef(api),
      system: system ? slugOf(parseEntityRef(system, "system").name) : null,
    });
  }

  const knownServices = new Set([...currentServices.keys(), ...services.keys()]);
  const providers = new Map<string, string[]>();
  for (const [slug, entity] of services) {
    for (const ref of asStringList(entity.spec.providesApis)) {
      const api = slugOf(parseEntityRef(ref, "api").name);
      providers.set(api, [...(providers.get(api) ?? []), slug]);
    }
  }

  const declared = new Set(
    current.filter((d) => d.kind === "Integration").map((d) => `${String(d.spec.sourceService)}|${String(d.spec.targetService)}|${String(d.spec.operation)}`),
  );
  const proposed = new Map<string, CatalogDocument>();
  const propose = (entity: Entity, path: string, source: string, target: string, operation: string, api: ApiInfo | null, relation: string) => {
    if (source === target) return;
    const missing = [source, target].find((s) => !knownServices.has(s));
    if (missing) {
      issue(entity.source, path, `${missing} is not a Component or System in these files nor a service in the catalog; no integration proposed`, "warning");
      return;
    }
    if (declared.has(`${source}|${target}|${operation}`)) return;
    const key = integrationKey(source, target, operation);
    if (!proposed.has(key)) proposed.set(key, proposedIntegration(key, source, target, operation, api, relation));
  };

  for (const [slug, entity] of services) {
    asStringList(entity.spec.consumesApis).forEach((ref, i) => {
      const path = `spec.consumesApis.${i}`;
      const apiName = slugOf(parseEntityRef(ref, "api").name);
      const api = apis.get(apiName) ?? null;
      const targets = providers.get(apiName) ?? (api?.system && knownServices.has(api.system) ? [api.system] : []);
      if (targets.length === 0) {
        issue(entity.source, path, `No Component in these files provides the API ${ref}; no integration proposed`, "warning");
        return;
      }
      const what = `the API \`${apiName}\`${api ? ` (${api.type})` : ""}`;
      for (const provider of targets) {
        // Events flow from the component that provides the channel to the ones that consume it.
        if (api?.style === "async-event") propose(entity, path, provider, slug, apiName, api, `\`${provider}\` publishes ${what} that \`${slug}\` consumes.`);
        else propose(entity, path, slug, provider, apiName, api, `\`${slug}\` calls ${what} that \`${provider}\` provides.`);
      }
    });
    const dependency = (ref: string, path: string, reverse: boolean) => {
      const target = parseEntityRef(ref, "component");
      if (target.kind !== "component" && target.kind !== "system") {
        issue(entity.source, path, `${ref} is a ${target.kind}, not a service; Edgewise tracks integrations between services only`, "warning");
        return;
      }
      const other = slugOf(target.name);
      const [from, to] = reverse ? [other, slug] : [slug, other];
      propose(entity, path, from, to, "depends-on", null, `\`${from}\` depends on \`${to}\` (Backstage ${reverse ? "dependencyOf" : "dependsOn"}).`);
    };
    asStringList(entity.spec.dependsOn).forEach((ref, i) => dependency(ref, `spec.dependsOn.${i}`, false));
    asStringList(entity.spec.dependencyOf).forEach((ref, i) => dependency(ref, `spec.dependencyOf.${i}`, true));
  }

  const order = { Team: 0, Service: 1, Integration: 2, Journey: 3 } as const;
  documents.push(...proposed.values());
  documents.sort((a, b) => order[a.kind] - order[b.kind] || a.metadata.name.localeCompare(b.metadata.name));
  return { documents, issues };
}

function serviceDocument(entity: Entity, slug: string, team: string, existing: CatalogDocument | undefined, warn: (path: string, message: string) => void): CatalogDocument {
  const annotations = asRecord(entity.metadata.annotations) ?? {};
  const telemetryName = TELEMETRY_ANNOTATIONS.map((a) => asString(annotations[a])).find(Boolean) ?? entity.name;
  const links: { title: string; url: string }[] = [];
  (Array.isArray(entity.metadata.links) ? entity.metadata.links : []).forEach((raw, i) => {
    const link = asRecord(raw);
    const url = asString(link?.url);
    // The link an Edgewise export adds back to Edgewise is not one of the service's own.
    if (url && url === asString(annotations["edgewise.dev/service-url"])) return;
    if (!url || !isHttpUrl(url)) {
      warn(`metadata.links.${i}.url`, "Only http(s) links are kept");
      return;
    }
    links.push({ title: asString(link?.title) ?? asString(link?.type) ?? new URL(url).hostname, url });
  });
  const backstage: Record<string, string> = { "edgewise.dev/backstage-entity": `${entity.kind.toLowerCase()}:default/${entity.name}` };
  const lifecycle = asString(entity.spec.lifecycle);
  if (lifecycle) backstage["edgewise.dev/backstage-lifecycle"] = lifecycle;
  const system = asString(entity.spec.system);
  if (system) backstage["edgewise.dev/backstage-system"] = parseEntityRef(system, "system").name;
  return {
    apiVersion: API_VERSION,
    kind: "Service",
    metadata: { name: slug, annotations: backstage },
    spec: {
      name: asString(entity.metadata.title) ?? entity.name,
      team,
      // Backstage has no tier: an Edgewise export's annotation, else the one the catalog already has.
      tier: tierOf(annotations["edgewise.dev/tier"]) ?? tierOf(existing?.spec.tier) ?? 3,
      description: asString(entity.metadata.description) ?? "",
      links: links.slice(0, 20),
      telemetryName,
    },
  };
}

function tierOf(v: unknown): number | null {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 4 ? n : null;
}

/** Generous placeholders that pass the schema and leave every real decision to the owning team. */
const PLACEHOLDER_P99_MS = { sync: 1000, async: 60_000 };
const PLACEHOLDER_SLO = { successTargetPercent: 99, latencyTargetPercent: 95, windowDays: 28 };

function proposedIntegration(key: string, source: string, target: string, operation: string, api: ApiInfo | null, relation: string): CatalogDocument {
  const style = api?.style ?? "sync";
  const async = style !== "sync";
  const p99Ms = async ? PLACEHOLDER_P99_MS.async : PLACEHOLDER_P99_MS.sync;
  const description = [
    `Proposed from Backstage: ${relation}`,
    "",
    `The owning team must complete it before moving it to active: the real latency budget (p99 ${p99Ms} ms here is a placeholder${async ? ", as end-to-end delivery lag" : ""}), ` +
      `the SLO (${PLACEHOLDER_SLO.successTargetPercent} % success, ${PLACEHOLDER_SLO.latencyTargetPercent} % under budget over ${PLACEHOLDER_SLO.windowDays} days are placeholders), ` +
      (async ? "delivery guarantee and ordering, idempotency, dead-letter queue, " : "timeout, retries and circuit breaker, idempotency, consistency, ") +
      `the protocol (${api?.protocol ?? "http"} is a guess) and the criticality.`,
  ].join("\n");
  return {
    apiVersion: API_VERSION,
    kind: "Integration",
    metadata: { name: key },
    spec: {
      sourceService: source,
      targetService: target,
      operation,
      style,
      protocol: api?.protocol ?? "http",
      criticality: "medium",
      lifecycle: "proposed",
      migration: null,
      budget: { p50Ms: null, p95Ms: null, p99Ms },
      slo: { ...PLACEHOLDER_SLO },
      consistency: null,
      delivery: null,
      idempotency: null,
      resilience: null,
      contract: api?.format ? { format: api.format, ref: api.ref, version: null, compatibility: "backward" } : null,
      telemetry: null,
      tags: [FROM_BACKSTAGE_TAG],
      description,
    },
  };
}
