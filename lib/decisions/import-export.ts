// Decision records in and out as MADR files: export one or all (zip), import a folder with a dry run.
// Import is atomic (any error: nothing applied) and idempotent (unchanged files change nothing).
import "server-only";
import { createHash } from "node:crypto";
import { zipSync, strToU8 } from "fflate";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { evidenceOfRecord } from "./evidence";
import { madrFileName, toMadr } from "./markdown";
import { MadrError, parseMadr, type ParsedMadr } from "./madr-parse";
import { applyTransition, findRecord, saveRevision, toView } from "./records";
import { IMPORTED, formatNumber, supersessionCycle } from "./workflow";
import { plural } from "@/lib/format/plural";

export const importSchema = z.object({
  files: z
    .array(z.object({ name: z.string().trim().min(1).max(300), content: z.string().max(500_000) }))
    .min(1, "Send at least one file")
    .max(1000),
  dryRun: z.boolean().default(true),
});

export interface ImportReport {
  dryRun: boolean;
  created: number[];
  updated: number[];
  unchanged: number[];
  errors: { file: string; path: string; message: string }[];
  /** Read other than as written, and applied anyway (a status mapped to its nearest state, no date). */
  warnings: { file: string; path: string; message: string }[];
}


export async function exportAll(actor: Actor): Promise<Uint8Array> {
  authorize(actor, "catalog:read");
  const rows = await db().decisionRecord.findMany({ select: { number: true }, orderBy: { number: "asc" } });
  const files: Record<string, Uint8Array> = {};
  for (const { number } of rows) {
    const row = await findRecord(db(), number);
    if (row) files[madrFileName(number, row.title)] = strToU8(toMadr(toView(row), await evidenceOfRecord(row.id)));
  }
  // A fixed timestamp keeps the archive byte-identical for identical records.
  return zipSync(files, { mtime: new Date("2000-01-01T00:00:00Z") });
}

class DryRunRollback extends Error {}

/** Names an upload in the audit log: the same files give the same id. */
const uploadDigest = (files: { name: string; content: string }[]) => {
  const hash = createHash("sha256");
  for (const f of files) hash.update(f.name).update("\0").update(f.content).update("\0");
  return hash.digest("hex").slice(0, 16);
};

/** Dates as the file states them: the one `date` becomes creation, proposal and decision as the status implies. */
function datesFor(p: ParsedMadr) {
  // An undated file (MADR makes the date optional) is dated by its import; it decides nothing on a chart.
  const at = p.date ? new Date(`${p.date}T00:00:00Z`) : new Date();
  const decided = ["accepted", "rejected", "deprecated", "superseded"].includes(p.status);
  return { createdAt: at, proposedAt: p.status === "draft" ? null : at, decidedAt: decided ? at : null };
}

/** A workflow or edit refusal becomes an error of the import that names the file; anything else propagates. */
async function step(report: ImportReport, file: string, path: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const allowed = (err.details as { allowed?: string[] } | undefined)?.allowed;
    report.errors.push({ file, path, message: allowed ? `${err.message} (allowed now: ${allowed.join(", ") || "none"})` : err.message });
  }
}

/**
 * Import is not a side door around the review workflow:
 * - an EXISTING record's changed content is an edit (allowed only while draft or proposed, a new
 *   revision, so approvals go stale), and a changed status is one workflow transition, checked and
 *   made exactly as `POST …/transitions` does (approvals, no self-approval, legal moves); its dates
 *   and author stay what Edgewise recorded;
 * - a NEW record is created with the file's status and dates, and its history says so: a transition
 *   row `imported → <status>` naming the importer and the file (the status was decided elsewhere).
 */
async function apply(tx: Tx, actor: Actor, parsed: { file: string; record: ParsedMadr }[], report: ImportReport) {
  const label = auditActor(actor).label;
  const statusChanges: { file: string; number: number; to: ParsedMadr["status"]; supersededBy: number | null }[] = [];
  const createdLinks: { file: string; number: number; supersededBy: number }[] = [];
  for (const { file, record: p } of parsed) {
    const integrations = await tx.integrationPoint.findMany({ where: { key: { in: p.content.integrations } }, select: { id: true, key: true } });
    const journeys = await tx.journey.findMany({ where: { slug: { in: p.content.journeys } }, select: { id: true, slug: true } });
    for (const key of p.content.integrations.filter((k) => !integrations.some((i) => i.key === k))) report.errors.push({ file, path: "integrations", message: `Unknown integration point ${key}` });
    for (const slug of p.content.journeys.filter((s) => !journeys.some((j) => j.slug === s))) report.errors.push({ file, path: "journeys", message: `Unknown journey ${slug}` });
    if (report.errors.length) continue;

    const existing = await findRecord(tx, p.number);
    if (existing) {
      const view = toView(existing);
      const contentChanged = toMadr(view) !== toMadr({ ...view, ...p.content });
      const statusChanged = p.status !== existing.status;
      const successorChanged = p.supersededBy !== view.supersededBy;
      if (!contentChanged && !statusChanged && !successorChanged) {
        report.unchanged.push(p.number);
        continue;
      }
      if (successorChanged && !(statusChanged && p.status === "superseded")) {
        report.errors.push({ file, path: "superseded-by", message: `${formatNumber(p.number)}'s successor changes only with its transition to superseded` });
        continue;
      }
      if (contentChanged) await step(report, file, "content", () => saveRevision(tx, actor, existing, p.content, "decision.import.update"));
      if (statusChanged) statusChanges.push({ file, number: p.number, to: p.status, supersededBy: p.supersededBy });
      report.updated.push(p.number);
    } else {
      const dates = datesFor(p);
      const { title, context, drivers, options, outcome, consequences, confirmation, deciders, consulted, informed, tags } = p.content;
      const row = await tx.decisionRecord.create({
        data: {
          number: p.number,
          title,
          status: p.status,
          content: { context, drivers, options, outcome, consequences, confirmation },
          deciders,
          consulted,
          informed,
          tags,
          authorLabel: p.author,
          ...dates,
          integrations: { create: integrations.map((i) => ({ integrationId: i.id })) },
          journeys: { create: journeys.map((j) => ({ journeyId: j.id })) },
          revisions: { create: { revision: 1, snapshot: p.content, actorLabel: label } },
          transitions: {
            create: {
              from: IMPORTED,
              to: p.status,
              actorId: actor.via === "system" ? null : actor.userId,
              actorLabel: label,
              comment: `Imported from ${file} as ${p.status} (${p.date ? `dated ${p.date}` : "undated"}, author ${p.author}); this status was not reached through review in Edgewise.`,
            },
          },
        },
      });
      // Undated: no acceptance marker on the charts, since the day it was accepted is not known.
      if (p.status === "accepted" && p.date) {
        await tx.annotation.create({ data: { at: dates.decidedAt!, kind: "decision", title: `${formatNumber(p.number)} accepted: ${title}`, link: `/decisions/${p.number}`, integrationIds: integrations.map((i) => i.id), decisionId: row.id } });
      }
      await recordAudit(tx, auditActor(actor), { action: "decision.import.create", entityType: "decision", entityId: row.id, after: { ...p.content, status: p.status, file } });
      if (p.supersededBy !== null) createdLinks.push({ file, number: p.number, supersededBy: p.supersededBy });
      report.created.push(p.number);
    }
  }
  if (report.errors.length) return;
  // Supersession links point at other records, so they are set once every record exists.
  for (const { file, number, supersededBy } of createdLinks) {
    const successor = await tx.decisionRecord.findUnique({ where: { number: supersededBy } });
    if (!successor) {
      report.errors.push({ file, path: "superseded-by", message: `${formatNumber(supersededBy)} does not exist` });
      return;
    }
    await tx.decisionRecord.update({ where: { number }, data: { supersededById: successor.id } });
  }
  // Status changes of existing records once every record exists; supersessions last, as their
  // successor may be accepted by this same import.
  statusChanges.sort((a, b) => Number(a.to === "superseded") - Number(b.to === "superseded"));
  for (const change of statusChanges) {
    const row = await findRecord(tx, change.number);
    await step(report, change.file, "status", () => applyTransition(tx, actor, row!, { to: change.to, supersededBy: change.supersededBy, comment: `Imported from ${change.file}` }));
  }
}

/** Links in the upload, over the stored ones of records it does not name, must not loop back. */
async function refuseSupersessionLoops(parsed: { record: ParsedMadr }[], files: Map<number, string>, report: ImportReport) {
  const links = new Map<number, number>();
  for (const { record } of parsed) if (record.supersededBy !== null) links.set(record.number, record.supersededBy);
  if (!links.size) return;
  const stored = await db().decisionRecord.findMany({ where: { supersededById: { not: null } }, select: { number: true, supersededBy: { select: { number: true } } } });
  for (const r of stored) if (r.supersededBy && !files.has(r.number)) links.set(r.number, r.supersededBy.number);
  const cycle = supersessionCycle(links);
  if (cycle) {
    const file = files.get(cycle.find((n) => files.has(n))!) ?? "";
    report.errors.push({ file, path: "superseded-by", message: `Supersession loop: ${cycle.map(formatNumber).join(" → ")}; a record cannot, directly or through others, supersede itself` });
  }
}

export async function importDecisions(actor: Actor, input: z.input<typeof importSchema>): Promise<ImportReport> {
  // Imported records arrive with their status already decided, so only architects may import.
  authorize(actor, "decision:review");
  const { files, dryRun } = importSchema.parse(input);
  const report: ImportReport = { dryRun, created: [], updated: [], unchanged: [], errors: [], warnings: [] };
  const parsed: { file: string; record: ParsedMadr }[] = [];
  for (const f of files.filter((f) => f.name.toLowerCase().endsWith(".md"))) {
    try {
      const record = parseMadr(f.name, f.content);
      parsed.push({ file: f.name, record });
      report.warnings.push(...record.warnings.map((w) => ({ file: f.name, ...w })));
      if (!record.date) report.warnings.push({ file: f.name, path: "date", message: "The file gives no date; a new record is dated by this import" });
    } catch (err) {
      if (!(err instanceof MadrError)) throw err;
      report.errors.push({ file: err.file, path: err.path, message: err.message.replace(`${err.file}: ${err.path ? `${err.path}: ` : ""}`, "") });
    }
  }
  const seen = new Map<number, string>();
  for (const { file, record } of parsed) {
    const other = seen.get(record.number);
    if (other) report.errors.push({ file, path: "number", message: `${formatNumber(record.number)} also appears in ${other}` });
    seen.set(record.number, file);
  }
  if (!parsed.length && !report.errors.length) report.errors.push({ file: "", path: "", message: "No .md files in the upload" });
  if (!report.errors.length) await refuseSupersessionLoops(parsed, seen, report);
  if (report.errors.length) return report;
  try {
    await db().$transaction(
      async (tx) => {
        await apply(tx, actor, parsed, report);
        // Every applied import is in the audit log, even one that changed nothing; a dry run is only a preview.
        if (!report.errors.length && !dryRun) {
          await recordAudit(tx, auditActor(actor), { action: "decision.import", entityType: "decision-import", entityId: uploadDigest(files), after: { files: files.map((f) => f.name), created: report.created, updated: report.updated, unchanged: report.unchanged } });
        }
        // Errors found while applying, or a dry run: undo everything this transaction did.
        if (report.errors.length || dryRun) throw new DryRunRollback();
      },
      { timeout: 120_000 },
    );
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  if (report.errors.length) return { ...report, created: [], updated: [], unchanged: [] };
  return report;
}

export function assertNoErrors(report: ImportReport): ImportReport {
  if (report.errors.length) throw new AppError("validation_failed", `${plural(report.errors.length, "file")} could not be imported; nothing was applied`, report.errors);
  return report;
}
