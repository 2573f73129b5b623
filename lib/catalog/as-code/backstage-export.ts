// Edgewise documents as Backstage entities (pure): a Group per team, a Component per service with
// annotations linking back to Edgewise, and an API per declared contract, so a Backstage instance
// can show the estate and its relations. Direction matches fromBackstage: callers consume what
// callees provide; an event's producer provides the channel its consumers consume.
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

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

export function toBackstage(documents: CatalogDocument[], options: { baseUrl: string }): unknown[] {
  const base = options.baseUrl.replace(/\/+$/, "");
  const services = documents.filter((d) => d.kind === "Service");
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
      if (!events) relations.get(source)!.dependsOn.add(`component:default/${target}`);
      continue;
    }
    const [provider, consumer] = events ? [source, target] : [target, source];
    // An operation imported from Backstage is already the API's name (often prefixed by its provider).
    const operation = dnsLabel(String(spec.operation));
    const name = operation === provider || operation.startsWith(`${provider}-`) ? operation : dnsLabel(`${provider}-${operation}`);
    relations.get(provider)!.providesApis.add(`api:default/${name}`);
    relations.get(consumer)!.consumesApis.add(`api:default/${name}`);
    if (!apis.has(name)) apis.set(name, apiEntity(name, provider, teamOf.get(provider)!, contract, apiLifecycleOf[lifecycle] ?? "production", base));
  }

  const teamNames = new Map(documents.filter((d) => d.kind === "Team").map((t) => [t.metadata.name, str(t.spec.name) ?? t.metadata.name]));
  for (const team of teamOf.values()) if (!teamNames.has(team)) teamNames.set(team, team);
  const groups = [...teamNames].map(([slug, name]) => ({
    apiVersion: BACKSTAGE_API_VERSION,
    kind: "Group",
    metadata: { name: slug, title: name, annotations: { "edgewise.dev/team-url": `${base}/teams/${slug}` } },
    spec: { type: "team", profile: { displayName: name }, children: [] },
  }));

  const components = services.map((service) => {
    const slug = service.metadata.name;
    const annotations = service.metadata.annotations ?? {};
    const r = relations.get(slug)!;
    const links = (Array.isArray(service.spec.links) ? (service.spec.links as { title: string; url: string }[]) : []).map((l) => ({ url: l.url, title: l.title }));
    const system = str(annotations["edgewise.dev/backstage-system"]);
    return {
      apiVersion: BACKSTAGE_API_VERSION,
      kind: "Component",
      metadata: {
        name: slug,
        title: str(service.spec.name) ?? slug,
        description: str(service.spec.description) ?? undefined,
        annotations: {
          "edgewise.dev/service-url": `${base}/services/${slug}`,
          "edgewise.dev/catalog-url": `${base}/catalog?service=${slug}`,
          "edgewise.dev/telemetry-name": str(service.spec.telemetryName) ?? slug,
          "edgewise.dev/tier": String(service.spec.tier ?? 3),
        },
        links: [...links, { url: `${base}/services/${slug}`, title: "Edgewise" }],
      },
      spec: {
        type: "service",
        lifecycle: str(annotations["edgewise.dev/backstage-lifecycle"]) ?? "production",
        owner: `group:default/${String(service.spec.team)}`,
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
