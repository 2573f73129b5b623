// The catalog as Edgewise YAML (pure): teams, services, live integration points and journeys in a
// fixed order with fixed key order, optional parts left out when empty, so the same catalog always
// gives the same bytes (export → import into an empty database → export is identical).
import { Document } from "yaml";
import type { CatalogState } from "./state";
import { API_VERSION, type CatalogDocument, type Kind } from "./types";

type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };

/** Drops null, "" and [] fields (the schemas fill them back in as defaults); keeps key order. */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = withoutEmpty(v);
  }
  return out;
}

const byName = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function doc(kind: Kind, name: string, spec: Record<string, unknown>): CatalogDocument {
  return { apiVersion: API_VERSION, kind, metadata: { name }, spec: withoutEmpty(spec) as Record<string, unknown> };
}

export function catalogDocuments(state: CatalogState): CatalogDocument[] {
  const docs: CatalogDocument[] = [];
  for (const [slug, { spec }] of byName(state.teams)) docs.push(doc("Team", slug, { name: spec.name, parent: spec.parent }));
  for (const [slug, { spec }] of byName(state.services)) {
    const { slug: _s, telemetryName, ...rest } = spec;
    docs.push(doc("Service", slug, { ...rest, telemetryName: telemetryName === slug ? null : telemetryName }));
  }
  // Retired points leave the catalog, except those a journey still lists (the journey must import).
  const stepKeys = new Set([...state.journeys.values()].flatMap((j) => j.spec.steps));
  const telemetryNameOf = (service: string) => state.services.get(service)?.spec.telemetryName ?? service;
  for (const [key, { declaration: d }] of byName(state.integrations)) {
    if (d.lifecycle === "retired" && !stepKeys.has(key)) continue;
    const { key: _k, telemetry, ...rest } = d;
    const followsServices =
      !telemetry ||
      (telemetry.sourceName === telemetryNameOf(d.sourceService) && telemetry.targetName === telemetryNameOf(d.targetService) && !telemetry.operation && telemetry.side === "client");
    docs.push(doc("Integration", key, { ...rest, telemetry: followsServices ? null : telemetry }));
  }
  for (const [slug, { spec }] of byName(state.journeys)) {
    const { slug: _s, ...rest } = spec;
    docs.push(doc("Journey", slug, rest));
  }
  return docs;
}

/** Plain objects as multi-document YAML: long strings are never folded, so lines stay as written. */
export function toYaml(documents: readonly unknown[]): string {
  return documents.map((d) => new Document(d as Plain).toString({ lineWidth: 0, minContentWidth: 0 })).map((text) => `---\n${text}`).join("");
}
