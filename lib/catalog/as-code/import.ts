// Catalog as code against the database: export the catalog in a format, and import files with a dry
// run. An import is planned and applied inside one transaction (any error: nothing applied), through
// the same create/update functions the API uses, so checks and audit rows are the same; entities the
// files leave unchanged are not written at all, which makes a repeated import a no-op.
import "server-only";
import { z } from "zod";
import { createTeam, updateTeam } from "@/lib/admin/teams";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/actor";
import { can, canSomewhere } from "@/lib/auth/permissions";
import { insertIntegration, retireIntegration, updateIntegration } from "@/lib/catalog/integrations";
import { createService, updateService } from "@/lib/catalog/services";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createJourney, updateJourney } from "@/lib/governance/journeys";
import { catalogDocuments, toYaml } from "./export";
import { collectEdgewise } from "./formats";
import { loadState } from "./load-state";
import { parseYamlFiles } from "./parse";
import { metricFlavors, toPrometheusRules, type MetricFlavor } from "./prometheus-rules";
import { planImport, type ImportPlan, type Operation } from "./plan";
import { sortIssues, summarizeIssues } from "./issues";
import { exporters, translatorsFor } from "./translators";
import { referenceIssues, validateDocuments } from "./validate";

/** Total YAML accepted in one import; a catalog of thousands of integration points fits. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

export const catalogImportSchema = z.object({
  files: z
    .array(z.object({ name: z.string().trim().min(1, "Name each file").max(300), content: z.string().max(MAX_IMPORT_BYTES) }))
    .min(1, "Send at least one file")
    .max(1000, "At most 1000 files per import"),
  dryRun: z.boolean().default(false),
  prune: z.boolean().default(false),
});
const flag = z
  .enum(["true", "false"], { error: "Use true or false" })
  .transform((v) => v === "true")
  .optional();
/** `?dryRun=true&prune=true` work for both bodies; `file` names a raw YAML body in issues. */
export const catalogImportQuerySchema = z.object({ dryRun: flag, prune: flag, file: z.string().trim().min(1).max(300).optional() });

export type CatalogImportInput = z.input<typeof catalogImportSchema>;

export const exportFormats = ["edgewise", "backstage", "openslo", "prometheus-rules"] as const;
export const catalogExportQuerySchema = z.object({
  format: z.enum(exportFormats, { error: `format is one of ${exportFormats.join(", ")}` }).default("edgewise"),
  /** For `prometheus-rules`: whose span-metric series the SLIs read. */
  metrics: z.enum(metricFlavors, { error: `metrics is one of ${metricFlavors.join(", ")}` }).default("collector"),
});
export type ExportFormat = (typeof exportFormats)[number];

export async function exportCatalog(actor: Actor, format: ExportFormat, baseUrl: string, metrics: MetricFlavor = "collector"): Promise<string> {
  authorize(actor, "catalog:read");
  const documents = catalogDocuments(await loadState(db()));
  if (format === "edgewise") return toYaml(documents);
  if (format === "prometheus-rules") return toPrometheusRules(documents, { metrics, baseUrl });
  return toYaml(exporters[format](documents, { baseUrl }));
}

async function prepare(client: Tx | ReturnType<typeof db>, actor: Actor, input: z.output<typeof catalogImportSchema>) {
  const state = await loadState(client);
  const parsed = parseYamlFiles(input.files);
  // Backstage Groups become teams only for callers who may create teams; for others one issue says so.
  const translators = translatorsFor({ defaultTeam: env().EDGEWISE_BACKSTAGE_DEFAULT_TEAM, mayCreateTeams: can(actor, "teams:manage") });
  const collected = collectEdgewise(parsed.sources, catalogDocuments(state), translators);
  const { batch, issues: invalid } = validateDocuments(collected.sources);
  const references = referenceIssues(batch, { teams: new Set(state.teams.keys()), services: new Set(state.services.keys()), integrations: new Set(state.integrations.keys()) });
  const issues = sortIssues([...parsed.issues, ...collected.issues, ...invalid, ...references]);
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0) throw new AppError("validation_failed", summarizeIssues(errors), { issues });
  const planned = planImport(batch, state, actor, { prune: input.prune });
  if (planned.forbidden.length > 0) throw new AppError("forbidden", summarizeIssues(planned.forbidden), { issues: sortIssues(planned.forbidden) });
  return { ...planned, issues };
}

async function apply(tx: Tx, actor: Actor, op: Operation): Promise<void> {
  if (op.type === "retire") {
    await retireIntegration(actor, op.name, null, tx);
    return;
  }
  const create = op.type === "create";
  switch (op.kind) {
    case "Team":
      await (create ? createTeam(actor, op.value, tx) : updateTeam(actor, op.name, { name: op.value.name, parent: op.value.parent }, tx));
      return;
    case "Service": {
      const { slug: _s, ...fields } = op.value;
      await (create ? createService(actor, op.value, tx) : updateService(actor, op.name, fields, tx));
      return;
    }
    case "Integration":
      await (create ? insertIntegration(tx, actor, op.value) : updateIntegration(actor, op.name, op.value, null, tx));
      return;
    case "Journey": {
      const { slug: _s, ...fields } = op.value;
      await (create ? createJourney(actor, op.value, tx) : updateJourney(actor, op.name, fields, tx));
      return;
    }
  }
}

/** Plans the import; unless it is a dry run, applies that plan in one transaction. */
export async function importCatalog(actor: Actor, raw: CatalogImportInput): Promise<ImportPlan> {
  // Ownership is checked per entity in the plan; here only whether the caller may write anything.
  if (!canSomewhere(actor, "catalog:write")) authorize(actor, "catalog:write");
  const input = catalogImportSchema.parse(raw);
  if (input.dryRun) {
    const { plan, issues } = await prepare(db(), actor, input);
    return { dryRun: true, applied: false, ...plan, issues };
  }
  return db().$transaction(
    async (tx) => {
      // Planned again inside the transaction, so what is applied is exactly what was checked.
      const { plan, operations, issues } = await prepare(tx, actor, input);
      for (const op of operations) await apply(tx, actor, op);
      return { dryRun: false, applied: operations.length > 0, ...plan, issues };
    },
    // Each entity goes through the API's own write (checks, audit row): ~70 ms apiece on a busy
    // 2-core machine, so a catalog of thousands needs minutes, not Prisma's default 5 s.
    { maxWait: 10_000, timeout: 600_000 },
  );
}
