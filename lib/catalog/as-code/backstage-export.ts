// Edgewise documents as Backstage entities (pure): a Group per team (with its parent and children),
// a Component per service (a System for a service of type `system`) with annotations linking back to
// Edgewise, and an API per declared contract, so a Backstage instance can show the estate and its
// relations. Direction matches fromBackstage: callers consume what callees provide; an event's
// producer provides the channel its consumers consume. Importing this output changes nothing.
import { isBackstageTag } from "./backstage-names";
import { dnsLabel } from "./names";
import type { CatalogDocument } from "./types";

const BACKSTAGE_API_VERSION = "backstage.io/v1alpha1";

interface Relations {
  providesApis: Set<string>;
  consumesApis: Set<string>;
  dependsOn: Set<string>;
}

export const apiTypeOf: Record<string, string> = { openapi: "openapi", asyncapi: "asyncapi", protobuf: "grpc", graphql: "graphql", avro: "avro", "json-schema": "json-schema" };
const apiLifecycleOf: Record<string, string> = { proposed: "experimental", active: "production", migrating: "production", deprecated: "deprecated" };

/** The service type that stands for a Backstage System. */
export const SYSTEM_TYPE = "system";
/** What the export writes for a service whose type or lifecycle was never recorded. */
export const EXPORT_DEFAULTS = { type: "service", lifecycle: "production" } as const;

/** The API entity an integration point's contract becomes; an operation imported from Backstage is already the API's name. */
export function exportedApiName(provider: string, operation: string): string {
  const name = dnsLabel(operation);
  return name === provider || name.startsWith(`${provider}-`) ? name : dnsLabel(`${provider}-${operation}`);
}

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

export function toBackstage(documents: CatalogDocument[], options: { baseUrl: string }): unknown[] {
  const base = options.baseUrl.replace(/\/+$/, "");
  const services = documents.filter((d) => d.kind === "Service");
  const isSystem = new Set(services.filter((s) => s.spec.type === SYSTEM_TYPE).map((s) => s.metadata.name));
  const entityRef = (slug: string) => `${isSystem.has(slug) ? "system" : "component"}:default/${slug}`;
  const teamOf = new Map(services.map((s) => [s.metadata.name, String(s.spec.team)]));
  const relations = new Map<string, Relations>(services.map((s) => [s.metadata.name, { providesApis: new Set(), consumesApis: new Set(), dependsOn: new Set() }]));
  const apis = new Map<string, Record<string, unknown>>();

  for (const integration of documents.filter((d) => d.kind === "Integration")) {
    const spec = integration.spec;
    const lifecycle = String(spec.lifecycle ?? "active");
    const source = String(spec.sourceService);
    const target = String(spec.targetService);
    if (lifecycle === "retired" || !relations.has(source) || !relations.has(target)) continue;
    const contract = spec.contract as { format: string; ref: string | null; version: string | null } | null | undefined;
    const events = spec.style !== "sync" && spec.style !== "hybrid";
    if (!contract) {
      if (!events) relations.get(source)!.dependsOn.add(entityRef(target));
      continue;
    }
    const [provider, consumer] = events ? [source, target] : [target, source];
    const name = exportedApiName(provider, String(spec.operation));
    relations.get(provider)!.providesApis.add(`api:default/${name}`);
    relations.get(consumer)!.consumesApis.add(`api:default/${name}`);
    if (!apis.has(name)) apis.set(name, apiEntity(name, provider, teamOf.get(provider)!, contract, apiLifecycleOf[lifecycle] ?? "production", base));
  }

  const teams = new Map(documents.filter((d) => d.kind === "Team").map((t) => [t.metadata.name, { name: str(t.spec.name) ?? t.metadata.name, parent: str(t.spec.parent) }]));
  for (const team of teamOf.values()) if (!teams.has(team)) teams.set(team, { name: team, parent: null });
  const groups = [...teams].map(([slug, { name, parent }]) => ({
    apiVersion: BACKSTAGE_API_VERSION,
    kind: "Group",
    metadata: { name: slug, title: name, annotations: { "edgewise.dev/team-url": `${base}/teams/${slug}` } },
    spec: {
      type: "team",
      profile: { displayName: name },
      ...(parent && teams.has(parent) ? { parent: `group:default/${parent}` } : {}),
      children: [...teams].filter(([, t]) => t.parent === slug).map(([child]) => `group:default/${child}`).sort(),
    },
  }));

  const components = services.map((service) => {
    const slug = service.metadata.name;
    const r = relations.get(slug)!;
    const links = (Array.isArray(service.spec.links) ? (service.spec.links as { title: string; url: string }[]) : []).map((l) => ({ url: l.url, title: l.title }));
    const system = str(service.spec.system);
    const tags = (Array.isArray(service.spec.tags) ? service.spec.tags : []).filter(isBackstageTag);
    const owner = `group:default/${String(service.spec.team)}`;
    return {
      apiVersion: BACKSTAGE_API_VERSION,
      kind: isSystem.has(slug) ? "System" : "Component",
      metadata: {
        name: slug,
        title: str(service.spec.name) ?? slug,
        description: str(service.spec.description) ?? undefined,
        ...(tags.length ? { tags } : {}),
        annotations: {
          "edgewise.dev/service-url": `${base}/services/${slug}`,
          "edgewise.dev/catalog-url": `${base}/catalog?service=${slug}`,
          "edgewise.dev/telemetry-name": str(service.spec.telemetryName) ?? slug,
          "edgewise.dev/tier": String(service.spec.tier ?? 3),
        },
        links: [...links, { url: `${base}/services/${slug}`, title: "Edgewise" }],
      },
      // A System has an owner (and a domain, which Edgewise does not keep); relations are its components'.
      spec: isSystem.has(slug)
        ? { owner }
        : {
        type: str(service.spec.type) ?? EXPORT_DEFAULTS.type,
        lifecycle: str(service.spec.lifecycle) ?? EXPORT_DEFAULTS.lifecycle,
        owner,
        ...(system ? { system } : {}),
        ...(r.providesApis.size ? { providesApis: [...r.providesApis].sort() } : {}),
        ...(r.consumesApis.size ? { consumesApis: [...r.consumesApis].sort() } : {}),
        ...(r.dependsOn.size ? { dependsOn: [...r.dependsOn].sort() } : {}),
          },
    };
  });
  // A YAML writer would print `description: undefined` as null: drop absent descriptions.
  for (const c of components) if (c.metadata.description === undefined) delete c.metadata.description;

  const byName = (a: { metadata: { name: string } }, b: { metadata: { name: string } }) => a.metadata.name.localeCompare(b.metadata.name);
  return [...groups.sort(byName), ...components.sort(byName), ...[...apis.values()].sort((a, b) => byName(a as never, b as never))];
}

function apiEntity(name: string, provider: string, team: string, contract: { format: string; ref: string | null; version: string | null }, lifecycle: string, base: string) {
  const ref = contract.ref;
  return {
    apiVersion: BACKSTAGE_API_VERSION,
    kind: "API",
    metadata: {
      name,
      description: `${contract.format} contract of ${provider}${contract.version ? `, version ${contract.version}` : ""}`,
      annotations: { "edgewise.dev/catalog-url": `${base}/catalog?service=${provider}` },
    },
    spec: {
      type: apiTypeOf[contract.format] ?? contract.format,
      lifecycle,
      owner: `group:default/${team}`,
      // Backstage fetches a URL given as `$text`; anything else is only a pointer for people.
      definition: ref && /^https?:\/\//i.test(ref) ? { $text: ref } : `The ${contract.format} contract is kept at ${ref ?? "an unrecorded location"}; see Edgewise.`,
    },
  };
}
