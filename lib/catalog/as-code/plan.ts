// The import plan (pure): what a validated batch would create, change (field by field), retire and
// leave alone against the catalog as it stands, and whether the caller may do each of those things.
// Unchanged entities need no permission, so a member can re-import a whole export and touch only theirs.
import { can, canSomewhere, type Subject } from "@/lib/auth/permissions";
import { diffFields, type FieldChange } from "@/lib/catalog/diff";
import type { IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import { issueAt } from "./parse";
import { normalizeDeclaration, normalizeService, type CatalogState } from "./state";
import type { DocumentIssue, Kind } from "./types";
import type { Batch, JourneySpec, Located, ServiceSpec, TeamSpec } from "./validate";

export interface PlanEntry {
  kind: Kind;
  name: string;
  file?: string;
  document?: number;
  /** 1-based line of the entity (for a translated one: of the Backstage entity or relation it came from). */
  line?: number;
  changes?: FieldChange[];
}

export interface ImportPlan {
  dryRun: boolean;
  applied: boolean;
  created: PlanEntry[];
  changed: PlanEntry[];
  retired: PlanEntry[];
  unchanged: number;
  issues: DocumentIssue[];
}

export type Operation =
  | { type: "create" | "update"; kind: "Team"; name: string; value: TeamSpec }
  | { type: "create" | "update"; kind: "Service"; name: string; value: ServiceSpec }
  | { type: "create" | "update"; kind: "Integration"; name: string; value: IntegrationDeclaration }
  | { type: "create" | "update"; kind: "Journey"; name: string; value: JourneySpec }
  | { type: "retire"; kind: "Integration"; name: string };

export interface Planned {
  plan: Omit<ImportPlan, "dryRun" | "applied" | "issues">;
  operations: Operation[];
  /** One per entity the caller may not create, change or retire. */
  forbidden: DocumentIssue[];
}

const where = (l: Located<unknown>) => ({ file: l.source.file, document: l.source.index, line: l.source.line });

/** Teams in an order that creates a parent before the teams under it (a loop keeps file order; the write refuses it). */
function parentsFirst(teams: Located<TeamSpec>[]): Located<TeamSpec>[] {
  const byName = new Map(teams.map((t) => [t.name, t]));
  const out: Located<TeamSpec>[] = [];
  const placed = new Set<string>();
  const place = (t: Located<TeamSpec>, seen: Set<string>) => {
    if (placed.has(t.name) || seen.has(t.name)) return;
    seen.add(t.name);
    const parent = t.value.parent ? byName.get(t.value.parent) : undefined;
    if (parent) place(parent, seen);
    placed.add(t.name);
    out.push(t);
  };
  for (const t of teams) place(t, new Set());
  return out;
}

export function planImport(batch: Batch, state: CatalogState, subject: Subject, options: { prune: boolean }): Planned {
  const created: PlanEntry[] = [];
  const changed: PlanEntry[] = [];
  const retired: PlanEntry[] = [];
  const operations: Operation[] = [];
  const forbidden: DocumentIssue[] = [];
  let unchanged = 0;

  const teamIdOf = (slug: string) => state.teams.get(slug)?.id ?? null;
  const batchService = new Map(batch.services.map((s) => [s.name, s.value]));
  const serviceTeam = (slug: string) => batchService.get(slug)?.team ?? null;
  const telemetryNameOf = (slug: string) => {
    const declared = batchService.get(slug);
    if (declared) return declared.telemetryName ?? declared.slug;
    return state.services.get(slug)?.spec.telemetryName ?? slug;
  };

  const teamSlugById = new Map([...state.teams.entries()].map(([slug, t]) => [t.id, slug]));
  type Owner = { slug: string } | { id: string };
  const ownerId = (o: Owner) => ("id" in o ? o.id : teamIdOf(o.slug));
  const ownerName = (o: Owner) => ("slug" in o ? o.slug : (teamSlugById.get(o.id) ?? "another team"));

  /** Members may only write what their teams own: the owner before and after the change. */
  const mayWrite = (l: Located<unknown>, verb: string, what: string, owners: Owner[]) => {
    if (!canSomewhere(subject, "catalog:write")) {
      const why = subject.scopes ? "this token lacks the catalog:write scope" : `your role (${subject.role}) cannot change the catalog`;
      forbidden.push(issueAt(l.source, "metadata.name", `You may not ${verb} ${what}: ${why}`));
      return;
    }
    const refused = owners.find((o) => !can(subject, "catalog:write", { ownerTeamId: ownerId(o) }));
    if (refused) forbidden.push(issueAt(l.source, "metadata.name", `You may not ${verb} ${what}: it belongs to team ${ownerName(refused)}, and members may change only their own teams' catalog`));
  };
  const sourceOwner = (service: string): Owner[] => {
    const team = serviceTeam(service);
    if (team) return [{ slug: team }];
    const stored = state.services.get(service);
    return stored ? [{ id: stored.teamId }] : [];
  };

  const record = <T>(l: Located<T>, kind: Kind, before: unknown, after: unknown, onChange: (type: "create" | "update") => void) => {
    if (before === undefined) {
      created.push({ kind, name: l.name, ...where(l) });
      onChange("create");
      return;
    }
    const changes = diffFields(before, after);
    if (changes.length === 0) {
      unchanged += 1;
      return;
    }
    changed.push({ kind, name: l.name, ...where(l), changes });
    onChange("update");
  };

  for (const t of parentsFirst(batch.teams)) {
    record(t, "Team", state.teams.get(t.name)?.spec, t.value, (type) => {
      if (!can(subject, "teams:manage")) {
        forbidden.push(issueAt(t.source, "metadata.name", `You may not ${type === "create" ? "create" : "change"} team ${t.name}: teams are managed by admins${subject.scopes ? " (with a token holding the admin scope)" : ""}`));
      }
      operations.push({ type, kind: "Team", name: t.name, value: t.value });
    });
  }

  for (const s of batch.services) {
    const current = state.services.get(s.name);
    record(s, "Service", current?.spec, normalizeService(s.value), (type) => {
      mayWrite(s, type === "create" ? "create" : "change", `service ${s.name}`, [{ slug: s.value.team }, ...(current ? [{ id: current.teamId }] : [])]);
      operations.push({ type, kind: "Service", name: s.name, value: s.value });
    });
  }

  for (const i of batch.integrations) {
    const current = state.integrations.get(i.name);
    const after = normalizeDeclaration(i.value, telemetryNameOf);
    record(i, "Integration", current?.declaration, after, (type) => {
      mayWrite(i, type === "create" ? "declare" : "change", `integration point ${i.name}`, [...sourceOwner(i.value.sourceService), ...(current ? [{ id: current.teamId }] : [])]);
      operations.push({ type, kind: "Integration", name: i.name, value: i.value });
    });
  }

  for (const j of batch.journeys) {
    const current = state.journeys.get(j.name);
    record(j, "Journey", current?.spec, j.value, (type) => {
      mayWrite(j, type === "create" ? "create" : "change", `journey ${j.name}`, [{ slug: j.value.team }, ...(current ? [{ id: current.teamId }] : [])]);
      operations.push({ type, kind: "Journey", name: j.name, value: j.value });
    });
  }

  if (options.prune) {
    // Only services the files declare are theirs to prune: points elsewhere are someone else's files.
    const declared = new Map(batch.services.map((s) => [s.name, s]));
    const kept = new Set(batch.integrations.map((i) => i.name));
    for (const [key, { teamId, declaration }] of [...state.integrations.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const service = declared.get(declaration.sourceService);
      if (!service || kept.has(key) || declaration.lifecycle === "retired") continue;
      retired.push({ kind: "Integration", name: key, ...where(service), changes: [{ path: "lifecycle", before: declaration.lifecycle, after: "retired" }] });
      mayWrite(service, "retire", `integration point ${key}`, [{ id: teamId }]);
      operations.push({ type: "retire", kind: "Integration", name: key });
    }
  }

  return { plan: { created, changed, retired, unchanged }, operations, forbidden };
}
