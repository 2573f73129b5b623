// Backstage descriptors (catalog-info.yaml) into Edgewise documents (pure): Groups become teams (with
// their hierarchy), Components and Systems services (type, lifecycle, system and tags kept), APIs
// contract references, and the relations between them proposed integration points that the owning
// team completes. Services owned by a User (or by a Group nobody imports) go to a default team with a
// warning. Every document points back at the entity it came from. Export lives in backstage-export.ts.
import { integrationKey, type contractFormats, type Style } from "@/lib/catalog/integration-schema";
import { backstageMetadataProblems, backstageNameProblem, backstageNamespaceProblem, parseBackstageRef } from "./backstage-names";
import { EXPORT_DEFAULTS, exportedApiName, SYSTEM_TYPE } from "./backstage-export";
import { asRecord, asString, asStringList, isHttpUrl } from "./names";
import { issueAt, lineFor } from "./parse";
import { API_VERSION, type CatalogDocument, type DocumentIssue, type Origin, type SourceDocument, type TranslationResult } from "./types";

type ContractFormat = (typeof contractFormats)[number];

export { toBackstage } from "./backstage-export";

/** The tag every integration proposed from Backstage carries, so a team can find what to complete. */
export const FROM_BACKSTAGE_TAG = "from-backstage";
const TELEMETRY_ANNOTATIONS = ["edgewise.dev/telemetry-name", "backstage.io/kubernetes-id"];

export interface BackstageImportOptions {
  /** The team (slug) that gets services owned by a User, or by a Group neither the files nor the catalog have. */
  defaultTeam: string;
  /** Whether the caller may create teams (admins): otherwise Groups that are not teams yet are left out, with one issue. */
  mayCreateTeams: boolean;
}
export const DEFAULT_BACKSTAGE_TEAM = "needs-owner";
const DEFAULT_TEAM_NAME = "Needs owner";
const defaults: BackstageImportOptions = { defaultTeam: DEFAULT_BACKSTAGE_TEAM, mayCreateTeams: true };

interface Entity {
  source: SourceDocument;
  kind: string;
  name: string;
  namespace: string;
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

/** Where a translated document came from: the entity's file and document, the line of `at`, and its fields' lines. */
function originOf(source: SourceDocument, at: string, fields: Record<string, string> = {}): Origin {
  const lines: Record<string, number> = { "metadata.name": lineFor(source, at) };
  for (const [edgewise, backstage] of Object.entries(fields)) if (source.lines?.[backstage] !== undefined) lines[edgewise] = source.lines[backstage]!;
  return { file: source.file, index: source.index, line: lineFor(source, at), lines };
}

/**
 * The value, except that in Edgewise's own export (it links each entity back with
 * `edgewise.dev/service-url`) the default written for "never recorded" leaves an existing service's
 * unset field unset: re-importing the export changes nothing.
 */
const unlessExportDefault = (entity: Entity, value: string | null, exportDefault: string, existing: CatalogDocument | undefined, field: string) =>
  value === exportDefault && asRecord(entity.metadata.annotations)?.["edgewise.dev/service-url"] !== undefined && existing !== undefined && (existing.spec[field] ?? null) === null ? null : value;

export function fromBackstage(sources: SourceDocument[], current: CatalogDocument[], options: BackstageImportOptions = defaults): TranslationResult {
  const issues: DocumentIssue[] = [];
  const issue = (source: SourceDocument, path: string, message: string, severity: DocumentIssue["severity"] = "error") => issues.push(issueAt(source, path, message, severity));
  const origins = new Map<string, Origin>();
  const documents: CatalogDocument[] = [];
  const emit = (document: CatalogDocument, origin: Origin) => {
    documents.push(document);
    origins.set(`${document.kind}/${document.metadata.name}`, origin);
  };

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
    } else if (!["Group", "Component", "System", "API"].includes(kind)) {
      issue(source, "kind", `Backstage ${kind} entities have no Edgewise counterpart; ${name} was skipped`, "warning");
    } else {
      const problems = backstageMetadataProblems(metadata);
      for (const p of problems) issue(source, p.path, p.message);
      if (problems.length > 0) continue;
      if (namespace && namespace !== "default") {
        issue(source, "metadata.namespace", `Edgewise's catalog has no namespaces: ${kind} ${namespace}/${name} is imported as ${name}`, "warning");
      }
      entities.push({ source, kind, name, namespace: namespace ?? "default", metadata, spec: asRecord(value.spec) ?? {} });
    }
  }

  const currentTeams = new Map(current.filter((d) => d.kind === "Team").map((d) => [d.metadata.name, d]));
  const currentServices = new Map(current.filter((d) => d.kind === "Service").map((d) => [d.metadata.name, d]));
  /** A reference checked by Backstage's rules; a malformed one is an error at its path. */
  const ref = (entity: Entity, path: string, value: string, defaultKind: string) => {
    const parsed = parseBackstageRef(value, defaultKind, entity.namespace);
    if (parsed.problem) issue(entity.source, path, parsed.problem);
    // The entity's own namespace was warned about already; another one named here is said once more.
    else if (parsed.namespace !== "default" && parsed.namespace !== entity.namespace) {
      issue(entity.source, path, `Edgewise's catalog has no namespaces: ${value} is read as ${parsed.kind} ${parsed.name}`, "warning");
    }
    return parsed.problem ? null : parsed;
  };

  // Groups: every Group is a team; without the right to create teams, only those that already exist.
  const groups = new Map<string, { entity: Entity; name: string; parent: string | null }>();
  const left: { entity: Entity; slug: string }[] = [];
  for (const group of entities.filter((e) => e.kind === "Group")) {
    const slug = slugOf(group.name);
    if (slug.length < 2 || slug.length > 63) {
      issue(group.source, "metadata.name", `The group name ${group.name} does not make a team slug (2 to 63 letters, digits and hyphens)`);
      continue;
    }
    if (groups.has(slug) || left.some((l) => l.slug === slug)) {
      issue(group.source, "metadata.name", `Another Group in these files is also team ${slug}`);
      continue;
    }
    if (!options.mayCreateTeams && !currentTeams.has(slug)) {
      left.push({ entity: group, slug });
      continue;
    }
    const parentRef = asString(group.spec.parent);
    const parent = parentRef ? ref(group, "spec.parent", parentRef, "group") : null;
    const name = asString(asRecord(group.spec.profile)?.displayName) ?? asString(group.metadata.title) ?? group.name;
    groups.set(slug, { entity: group, name, parent: parent ? slugOf(parent.name) : null });
  }
  // `children` says the same as the children's `parent`: it fills a parent left out, and a disagreement is a warning.
  for (const [slug, group] of groups) {
    asStringList(group.entity.spec.children).forEach((childRef, i) => {
      const path = `spec.children.${i}`;
      const child = ref(group.entity, path, childRef, "group");
      if (!child) return;
      const found = groups.get(slugOf(child.name));
      if (!found) {
        if (!left.some((l) => l.slug === slugOf(child.name))) issue(group.entity.source, path, `The child Group ${childRef} is not in these files; only the teams here get ${slug} as their parent`, "warning");
      } else if (found.parent === null) found.parent = slug;
      else if (found.parent !== slug) issue(group.entity.source, path, `${childRef} names ${found.parent} as its parent, not ${slug}: its own spec.parent is kept`, "warning");
    });
  }
  const teams = new Set([...currentTeams.keys(), ...groups.keys()]);
  for (const [slug, group] of groups) {
    let parent = group.parent;
    if (parent && !teams.has(parent)) {
      const skipped = left.some((l) => l.slug === parent);
      if (!skipped) issue(group.entity.source, "spec.parent", `The parent Group ${parent} is neither in these files nor a team in the catalog; team ${slug} is imported without a parent`, "warning");
      parent = skipped ? asString(currentTeams.get(slug)?.spec.parent) : null;
    }
    emit({ apiVersion: API_VERSION, kind: "Team", metadata: { name: slug }, spec: { name: group.name, parent } }, originOf(group.entity.source, "metadata.name", { "spec.name": "spec.profile.displayName", "spec.parent": "spec.parent" }));
  }

  // Components and Systems: services of the owning Group's team, else of the default team.
  const services = new Map<string, Entity>();
  let defaultTeamUsed: Entity | null = null;
  const skippedServices: string[] = [];
  const leftSlugs = new Set(left.map((l) => l.slug));
  for (const entity of entities.filter((e) => e.kind === "Component" || e.kind === "System")) {
    const slug = slugOf(entity.name);
    const ownerRef = asString(entity.spec.owner);
    if (slug.length < 2 || slug.length > 63) {
      issue(entity.source, "metadata.name", `The name ${entity.name} does not make a service slug (2 to 63 letters, digits and hyphens)`);
      continue;
    }
    if (services.has(slug) || skippedServices.includes(slug)) {
      issue(entity.source, "metadata.name", `Another Component or System in these files is also service ${slug}`);
      continue;
    }
    if (!ownerRef) {
      issue(entity.source, "spec.owner", `${entity.kind} ${entity.name} needs an owner (Backstage requires spec.owner): the Group of the team that owns it`);
      continue;
    }
    const owner = ref(entity, "spec.owner", ownerRef, "group");
    if (!owner) continue;
    if (owner.kind !== "group" && owner.kind !== "user") {
      issue(entity.source, "spec.owner", `A ${entity.kind} is owned by a Group or a User: ${ownerRef} is a ${owner.kind}`);
      continue;
    }
    let team = slugOf(owner.name);
    if (owner.kind === "group" && leftSlugs.has(team)) {
      skippedServices.push(slug);
      continue;
    }
    if (owner.kind === "user" || !teams.has(team)) {
      const why = owner.kind === "user" ? `${ownerRef} is a User, and Edgewise services belong to teams` : `${ownerRef} is neither a Group in these files nor a team in the catalog`;
      team = options.defaultTeam;
      if (!teams.has(team) && !options.mayCreateTeams) {
        skippedServices.push(slug);
        continue;
      }
      issue(entity.source, "spec.owner", `${why}: ${entity.kind} ${entity.name} is placed in team ${team} until a team takes it over`, "warning");
      defaultTeamUsed ??= entity;
    }
    services.set(slug, entity);
    emit(
      serviceDocument(entity, slug, team, currentServices.get(slug), (path, message) => issue(entity.source, path, message, "warning")),
      originOf(entity.source, "metadata.name", {
        "spec.team": "spec.owner",
        "spec.name": "metadata.title",
        "spec.description": "metadata.description",
        "spec.links": "metadata.links",
        "spec.tags": "metadata.tags",
        "spec.type": "spec.type",
        "spec.lifecycle": "spec.lifecycle",
        "spec.system": "spec.system",
      }),
    );
  }
  if (defaultTeamUsed && !teams.has(options.defaultTeam)) {
    teams.add(options.defaultTeam);
    emit({ apiVersion: API_VERSION, kind: "Team", metadata: { name: options.defaultTeam }, spec: { name: DEFAULT_TEAM_NAME, parent: null } }, originOf(defaultTeamUsed.source, "spec.owner"));
  }
  if (left.length > 0 || skippedServices.length > 0) {
    const names = [...left.map((l) => l.slug), ...(skippedServices.length > 0 && !teams.has(options.defaultTeam) && !leftSlugs.has(options.defaultTeam) ? [options.defaultTeam] : [])];
    const first = left[0]?.entity.source ?? entities.find((e) => skippedServices.includes(slugOf(e.name)))!.source;
    const shown = names.slice(0, 10).join(", ") + (names.length > 10 ? ` and ${names.length - 10} more` : "");
    issues.push(
      issueAt(
        first,
        "metadata.name",
        `Only an admin may create teams: ${names.length === 1 ? "team" : `${names.length} teams`} ${shown} ${names.length === 1 ? "is" : "are"} not in Edgewise yet, so ${names.length === 1 ? "it was" : "they were"} not created` +
          (skippedServices.length > 0 ? `, and the ${skippedServices.length} Components and Systems ${names.length === 1 ? "it owns" : "they own"} (${skippedServices.slice(0, 10).join(", ")}${skippedServices.length > 10 ? ", …" : ""}) were not imported` : "") +
          ". Ask an admin to import these files or to create the teams first.",
        "warning",
      ),
    );
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
      system: system ? slugOf(parseBackstageRef(system, "system").name) : null,
    });
  }

  const knownServices = new Set([...currentServices.keys(), ...services.keys()]);
  const providers = new Map<string, string[]>();
  for (const [slug, entity] of services) {
    for (const apiRef of asStringList(entity.spec.providesApis)) {
      const api = slugOf(parseBackstageRef(apiRef, "api").name);
      providers.set(api, [...(providers.get(api) ?? []), slug]);
    }
  }

  // What the catalog already declares, under every name a Backstage file (Edgewise's own export
  // included) gives it: the operation, the API the export made of its contract, and for dependsOn
  // any integration between the two services.
  const declared = new Set<string>();
  const declaredPairs = new Set<string>();
  for (const d of current.filter((c) => c.kind === "Integration")) {
    const [source, target, operation] = [String(d.spec.sourceService), String(d.spec.targetService), String(d.spec.operation)];
    declared.add(`${source}|${target}|${operation}`);
    declaredPairs.add(`${source}|${target}`);
    const events = d.spec.style !== "sync" && d.spec.style !== "hybrid";
    if (d.spec.contract) declared.add(`${source}|${target}|${exportedApiName(events ? source : target, operation)}`);
  }
  const proposed = new Map<string, CatalogDocument>();
  const propose = (entity: Entity, path: string, source: string, target: string, operation: string, api: ApiInfo | null, relation: string) => {
    if (source === target) return;
    // Services left out with the one issue above are not reported again, relation by relation.
    if (skippedServices.includes(source) || skippedServices.includes(target)) return;
    const missing = [source, target].find((s) => !knownServices.has(s));
    if (missing) {
      issue(entity.source, path, `${missing} is not a Component or System in these files nor a service in the catalog; no integration proposed`, "warning");
      return;
    }
    if (declared.has(`${source}|${target}|${operation}`) || (operation === "depends-on" && declaredPairs.has(`${source}|${target}`))) return;
    const key = integrationKey(source, target, operation);
    if (!proposed.has(key)) {
      proposed.set(key, proposedIntegration(key, source, target, operation, api, relation));
      origins.set(`Integration/${key}`, originOf(entity.source, path));
    }
  };

  for (const [slug, entity] of services) {
    asStringList(entity.spec.consumesApis).forEach((apiRef, i) => {
      const path = `spec.consumesApis.${i}`;
      const apiName = slugOf(parseBackstageRef(apiRef, "api").name);
      const api = apis.get(apiName) ?? null;
      const targets = providers.get(apiName) ?? (api?.system && knownServices.has(api.system) ? [api.system] : []);
      if (targets.length === 0) {
        issue(entity.source, path, `No Component in these files provides the API ${apiRef}; no integration proposed`, "warning");
        return;
      }
      const what = `the API \`${apiName}\`${api ? ` (${api.type})` : ""}`;
      for (const provider of targets) {
        // Events flow from the component that provides the channel to the ones that consume it.
        if (api?.style === "async-event") propose(entity, path, provider, slug, apiName, api, `\`${provider}\` publishes ${what} that \`${slug}\` consumes.`);
        else propose(entity, path, slug, provider, apiName, api, `\`${slug}\` calls ${what} that \`${provider}\` provides.`);
      }
    });
    const dependency = (depRef: string, path: string, reverse: boolean) => {
      const target = ref(entity, path, depRef, "component");
      if (!target) return;
      if (target.kind !== "component" && target.kind !== "system") {
        issue(entity.source, path, `${depRef} is a ${target.kind}, not a service; Edgewise tracks integrations between services only`, "warning");
        return;
      }
      const other = slugOf(target.name);
      const [from, to] = reverse ? [other, slug] : [slug, other];
      propose(entity, path, from, to, "depends-on", null, `\`${from}\` depends on \`${to}\` (Backstage ${reverse ? "dependencyOf" : "dependsOn"}).`);
    };
    asStringList(entity.spec.dependsOn).forEach((depRef, i) => dependency(depRef, `spec.dependsOn.${i}`, false));
    asStringList(entity.spec.dependencyOf).forEach((depRef, i) => dependency(depRef, `spec.dependencyOf.${i}`, true));
  }

  const order = { Team: 0, Service: 1, Integration: 2, Journey: 3 } as const;
  documents.push(...proposed.values());
  documents.sort((a, b) => order[a.kind] - order[b.kind] || a.metadata.name.localeCompare(b.metadata.name));
  return { documents, issues, origins };
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
  if (links.length > 20) warn("metadata.links", `Edgewise keeps 20 links per service; the other ${links.length - 20} were left out`);
  const system = entity.kind === "Component" ? asString(entity.spec.system) : null;
  const type = entity.kind === "System" ? SYSTEM_TYPE : asString(entity.spec.type);
  const lifecycle = entity.kind === "System" ? null : asString(entity.spec.lifecycle);
  const tags = [...new Set(asStringList(entity.metadata.tags))];
  if (tags.length > 30) warn("metadata.tags", `Edgewise keeps 30 tags per service; the other ${tags.length - 30} were left out`);
  return {
    apiVersion: API_VERSION,
    kind: "Service",
    metadata: { name: slug },
    spec: {
      name: asString(entity.metadata.title) ?? entity.name,
      team,
      // Backstage has no tier: an Edgewise export's annotation, else the one the catalog already has.
      tier: tierOf(annotations["edgewise.dev/tier"]) ?? tierOf(existing?.spec.tier) ?? 3,
      description: asString(entity.metadata.description) ?? "",
      links: links.slice(0, 20),
      telemetryName,
      // What the export writes for "never recorded" leaves a service that has none unchanged.
      type: unlessExportDefault(entity, type, EXPORT_DEFAULTS.type, existing, "type"),
      lifecycle: unlessExportDefault(entity, lifecycle, EXPORT_DEFAULTS.lifecycle, existing, "lifecycle"),
      system: system ? slugOf(parseBackstageRef(system, "system").name) : null,
      tags: tags.slice(0, 30),
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
