// Edgewise YAML documents into validated entities (no database): the envelope (apiVersion, kind,
// metadata.name, spec), then each spec through the same zod schema the API and forms use, with
// every issue placed by file, document, dotted field path and line.
import { pluralNoun } from "@/lib/format/plural";
import { z } from "zod";
import { teamCreateSchema } from "@/lib/admin/team-schema";
import { integrationSchema, type IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import { serviceSchema } from "@/lib/catalog/service-schema";
import { journeySchema } from "@/lib/catalog/journey-schema";
import { fillFromPattern } from "@/lib/governance/patterns";
import { issueAt } from "./parse";
import { API_VERSION, KINDS, type DocumentIssue, type Kind, type SourceDocument } from "./types";

export type TeamSpec = z.output<typeof teamCreateSchema>;
export type ServiceSpec = z.output<typeof serviceSchema>;
export type JourneySpec = z.output<typeof journeySchema>;

export interface Located<T> {
  source: SourceDocument;
  name: string;
  value: T;
}

export interface Batch {
  teams: Located<TeamSpec>[];
  services: Located<ServiceSpec>[];
  integrations: Located<IntegrationDeclaration>[];
  journeys: Located<JourneySpec>[];
}

const envelopeSchema = z
  .object({
    apiVersion: z.literal(API_VERSION, { error: `apiVersion must be ${API_VERSION}` }),
    kind: z.enum(KINDS, { error: `kind is one of ${KINDS.join(", ")}` }),
    metadata: z
      .object({
        name: z.string({ error: "metadata.name is required: the slug, or the integration point's key" }).trim().min(1, "metadata.name is required"),
        annotations: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
    spec: z.record(z.string(), z.unknown(), { error: "spec must be a mapping of fields" }).nullish(),
  })
  .strict();

/** Each kind: its schema, and the field of that schema `metadata.name` fills. */
const kinds = {
  Team: { schema: teamCreateSchema, nameField: "slug" },
  Service: { schema: serviceSchema, nameField: "slug" },
  Integration: { schema: integrationSchema, nameField: "key" },
  Journey: { schema: journeySchema, nameField: "slug" },
} as const;

const specPath = (path: PropertyKey[], nameField: string) =>
  path.length > 0 && path[0] === nameField ? "metadata.name" : ["spec", ...path.map(String)].join(".");

function validateOne(source: SourceDocument, issues: DocumentIssue[]): { kind: Kind; name: string; value: unknown } | null {
  const envelope = envelopeSchema.safeParse(source.value);
  if (!envelope.success) {
    for (const i of envelope.error.issues) {
      const path = i.path.map(String).join(".");
      const message = i.code === "unrecognized_keys" ? `Unknown ${pluralNoun(i.keys.length, "field")}: ${i.keys.join(", ")}` : i.message;
      issues.push(issueAt(source, path, message));
    }
    return null;
  }
  const { kind, metadata } = envelope.data;
  const spec = envelope.data.spec ?? {};
  const { schema, nameField } = kinds[kind];
  const before = issues.length;
  if (nameField in spec) issues.push(issueAt(source, `spec.${nameField}`, `The ${nameField} goes in metadata.name, not in spec`));
  // Unknown top-level fields are almost always typos; silently dropping them would hide a mistake.
  const known = new Set(Object.keys(schema.shape));
  for (const field of Object.keys(spec)) {
    if (!known.has(field)) issues.push(issueAt(source, `spec.${field}`, `Unknown field ${field} for a ${kind}`));
  }
  // `spec.pattern` fills the design fields the document leaves out; what it does say wins.
  const filled = kind === "Integration" ? fillFromPattern(spec) : spec;
  const parsed = schema.safeParse({ ...filled, [nameField]: metadata.name });
  if (!parsed.success) {
    for (const i of parsed.error.issues) issues.push(issueAt(source, specPath(i.path, nameField), i.message));
  }
  if (!parsed.success || issues.length > before) return null;
  return { kind, name: kind === "Integration" ? (parsed.data as { key: string }).key : metadata.name.trim(), value: parsed.data };
}

/** Validates Edgewise documents; duplicates of a kind and name within the batch are errors. */
export function validateDocuments(sources: SourceDocument[]): { batch: Batch; issues: DocumentIssue[] } {
  const issues: DocumentIssue[] = [];
  const batch: Batch = { teams: [], services: [], integrations: [], journeys: [] };
  const seen = new Map<string, SourceDocument>();
  for (const source of sources) {
    const valid = validateOne(source, issues);
    if (!valid) continue;
    const id = `${valid.kind}/${valid.name}`;
    const first = seen.get(id);
    if (first) {
      issues.push(issueAt(source, "metadata.name", `${valid.kind} ${valid.name} is declared twice (first in ${first.file}, document ${first.index + 1})`));
      continue;
    }
    seen.set(id, source);
    const entry = { source, name: valid.name, value: valid.value };
    if (valid.kind === "Team") batch.teams.push(entry as Located<TeamSpec>);
    else if (valid.kind === "Service") batch.services.push(entry as Located<ServiceSpec>);
    else if (valid.kind === "Integration") batch.integrations.push(entry as Located<IntegrationDeclaration>);
    else batch.journeys.push(entry as Located<JourneySpec>);
  }
  return { batch, issues };
}

/** What the rest of the catalog is known to contain, for cross-references the batch doesn't declare itself. */
export interface KnownNames {
  teams: ReadonlySet<string>;
  services: ReadonlySet<string>;
  integrations: ReadonlySet<string>;
}

/**
 * Cross-references: a service's team, an integration's services, a journey's team and steps must be
 * declared in the batch or already known. `severity` lets the offline check warn instead (it cannot
 * see the server's catalog).
 */
export function referenceIssues(batch: Batch, known: KnownNames, severity: DocumentIssue["severity"] = "error"): DocumentIssue[] {
  const teams = new Set([...known.teams, ...batch.teams.map((t) => t.name)]);
  const services = new Set([...known.services, ...batch.services.map((s) => s.name)]);
  const integrations = new Set([...known.integrations, ...batch.integrations.map((i) => i.name)]);
  const issues: DocumentIssue[] = [];
  const where = severity === "error" ? "" : " in these files";
  for (const t of batch.teams) if (t.value.parent && !teams.has(t.value.parent)) issues.push(issueAt(t.source, "spec.parent", `Unknown parent team ${t.value.parent}${where}`, severity));
  for (const s of batch.services) if (!teams.has(s.value.team)) issues.push(issueAt(s.source, "spec.team", `Unknown team ${s.value.team}${where}`, severity));
  for (const i of batch.integrations) {
    for (const field of ["sourceService", "targetService"] as const) {
      if (!services.has(i.value[field])) issues.push(issueAt(i.source, `spec.${field}`, `Unknown service ${i.value[field]}${where}`, severity));
    }
  }
  for (const j of batch.journeys) {
    if (!teams.has(j.value.team)) issues.push(issueAt(j.source, "spec.team", `Unknown team ${j.value.team}${where}`, severity));
    j.value.steps.forEach((step, n) => {
      if (!integrations.has(step)) issues.push(issueAt(j.source, `spec.steps.${n}`, `Unknown integration point ${step}${where}`, severity));
    });
  }
  return issues;
}
