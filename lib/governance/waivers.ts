// Waivers: an architect silences one rule for one integration point until a date, citing a reason
// (and a decision record). Waived findings stay visible as waived; expiry brings the finding back.
import "server-only";
import { z } from "zod";
import { recordAudit, recordAudits } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { plural } from "@/lib/format/plural";
import { MAX_RECORD_NUMBER } from "@/lib/decisions/schema";
import { AppError } from "@/lib/errors";
import type { ActiveWaiver } from "./evaluate";
import { ruleById } from "./rules";

/** What every waiver states, one or many at a time: why, until when, and the decision that accepts it. */
const waiverTerms = {
  reason: z.string().trim().min(10, "Explain why (at least 10 characters)").max(2000),
  expiresAt: z.iso.datetime({ offset: true, error: "expiresAt is an ISO-8601 date-time, e.g. 2027-03-31T00:00:00Z" }).or(z.iso.date({ error: "expiresAt is a date (YYYY-MM-DD) or date-time" })),
  // Every accepted deviation cites the design decision that accepted it.
  decision: z.number({ error: "Cite the decision record that accepts this deviation (its number)" }).int().positive("Decision record numbers start at 1").max(MAX_RECORD_NUMBER, `Record numbers are at most ${MAX_RECORD_NUMBER}`),
};
const waivedFinding = {
  rule: z.string().trim().min(1, "Choose the rule to waive").max(100),
  integration: z.string().trim().min(1, "Choose the integration point").max(200),
};

export const waiverSchema = z.object({ ...waivedFinding, ...waiverTerms });

/** One rule on one integration point: what a waiver silences. */
const pairId = (f: { rule: string; integration: string }) => `${f.rule}\u0000${f.integration}`;

/** Several findings waived at once (issue 20): all of them, or none when any is refused. */
export const MAX_BULK_WAIVERS = 500;
export const bulkWaiverSchema = z.object({
  findings: z
    .array(z.object(waivedFinding), { error: "findings is a list of {rule, integration}" })
    .min(1, "Choose at least one finding to waive")
    .max(MAX_BULK_WAIVERS, `At most ${MAX_BULK_WAIVERS} findings at a time`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((f, i) => {
        const id = pairId(f);
        if (seen.has(id)) ctx.addIssue({ code: "custom", path: [i], message: `${f.rule} on ${f.integration} is listed twice` });
        seen.add(id);
      });
    }),
  ...waiverTerms,
});

export const waiverListQuerySchema = z.object({
  integration: z.string().optional(),
  rule: z.string().optional(),
  state: z.enum(["active", "expired", "revoked", "all"]).default("active"),
});

export interface WaiverView {
  id: string;
  rule: string;
  integration: string;
  reason: string;
  expiresAt: string;
  decision: number | null;
  grantedBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  state: "active" | "expired" | "revoked";
}

const MAX_WAIVER_DAYS = 366;
const include = { integration: { select: { key: true } } } as const;
type Row = Awaited<ReturnType<typeof findAll>>[number];
const findAll = () => db().waiver.findMany({ include, orderBy: { createdAt: "desc" } });

function view(w: Row, now = new Date()): WaiverView {
  return {
    id: w.id,
    rule: w.ruleId,
    integration: w.integration.key,
    reason: w.reason,
    expiresAt: w.expiresAt.toISOString(),
    decision: w.decisionNumber,
    grantedBy: w.grantedBy,
    createdAt: w.createdAt.toISOString(),
    revokedAt: w.revokedAt?.toISOString() ?? null,
    revokedBy: w.revokedBy,
    state: w.revokedAt ? "revoked" : w.expiresAt <= now ? "expired" : "active",
  };
}

export async function activeWaivers(now = new Date()): Promise<ActiveWaiver[]> {
  const rows = await db().waiver.findMany({ where: { revokedAt: null, expiresAt: { gt: now } }, include });
  return rows.map((w) => ({ id: w.id, rule: w.ruleId, integration: w.integration.key, reason: w.reason, expiresAt: w.expiresAt.toISOString(), decision: w.decisionNumber }));
}

export async function listWaivers(actor: Actor, query: z.infer<typeof waiverListQuerySchema>): Promise<WaiverView[]> {
  authorize(actor, "catalog:read");
  return (await findAll())
    .map((w) => view(w))
    .filter((w) => (query.state === "all" || w.state === query.state) && (!query.rule || w.rule === query.rule) && (!query.integration || w.integration === query.integration));
}

/** The expiry as a date, refused unless it is in the future and at most a year ahead. */
function expiryOf(expiresAt: string, now: Date): Date {
  const at = new Date(expiresAt.length === 10 ? `${expiresAt}T00:00:00Z` : expiresAt);
  if (at <= now) throw new AppError("validation_failed", "A waiver must expire in the future", [{ path: "expiresAt", message: "Must be in the future" }]);
  if (at.getTime() - now.getTime() > MAX_WAIVER_DAYS * 86_400_000) {
    throw new AppError("validation_failed", `Waivers last at most ${MAX_WAIVER_DAYS} days; renew them with a fresh review`, [{ path: "expiresAt", message: "At most a year ahead" }]);
  }
  return at;
}

async function requireDecision(tx: Tx, number: number) {
  const decision = await tx.decisionRecord.findUnique({ where: { number }, select: { status: true } });
  if (!decision) throw new AppError("validation_failed", `No decision record ADR-${String(number).padStart(4, "0")}`, [{ path: "decision", message: "No such decision record" }]);
}

/** Who granted a waiver, as the row records it. */
const grantor = (actor: Actor) => ({ grantedById: actor.via === "system" ? null : actor.userId, grantedBy: auditActor(actor).label });

export async function grantWaiver(actor: Actor, input: z.input<typeof waiverSchema>, now = new Date()): Promise<WaiverView> {
  authorize(actor, "waiver:grant");
  const data = waiverSchema.parse(input);
  if (!ruleById.has(data.rule)) throw new AppError("validation_failed", `Unknown rule ${data.rule}`, [{ path: "rule", message: "Unknown rule" }]);
  const expiresAt = expiryOf(data.expiresAt, now);
  return db().$transaction(async (tx) => {
    const integration = await tx.integrationPoint.findUnique({ where: { key: data.integration } });
    await requireDecision(tx, data.decision);
    if (!integration) throw new AppError("validation_failed", `Unknown integration point ${data.integration}`, [{ path: "integration", message: "Unknown integration point" }]);
    const row = await tx.waiver.create({
      data: { ruleId: data.rule, integrationId: integration.id, reason: data.reason, expiresAt, decisionNumber: data.decision, ...grantor(actor) },
      include,
    });
    await recordAudit(tx, auditActor(actor), { action: "waiver.grant", entityType: "waiver", entityId: row.id, after: view(row, now) });
    return view(row, now);
  });
}

/** A refusal naming every problem; the message says the first one, and how many there are. */
function refuse(problems: { path: string; message: string }[]): never {
  const more = problems.length > 1 ? ` (and ${plural(problems.length - 1, "more problem")})` : "";
  throw new AppError("validation_failed", `${problems[0]!.message}${more}; nothing was waived`, problems);
}

/**
 * Waives several findings citing one decision, under the same checks as one waiver, in one
 * transaction: every unknown rule or integration point is named in the refusal, and nothing is waived.
 */
export async function grantWaivers(actor: Actor, input: z.input<typeof bulkWaiverSchema>, now = new Date()): Promise<WaiverView[]> {
  authorize(actor, "waiver:grant");
  const data = bulkWaiverSchema.parse(input);
  const unknownRules = data.findings.flatMap((f, i) => (ruleById.has(f.rule) ? [] : [{ path: `findings.${i}.rule`, message: `Unknown rule ${f.rule}` }]));
  if (unknownRules.length) refuse(unknownRules);
  const expiresAt = expiryOf(data.expiresAt, now);
  return db().$transaction(async (tx) => {
    await requireDecision(tx, data.decision);
    const rows = await tx.integrationPoint.findMany({ where: { key: { in: [...new Set(data.findings.map((f) => f.integration))] } }, select: { id: true, key: true } });
    const idOf = new Map(rows.map((r) => [r.key, r.id]));
    const unknown = data.findings.flatMap((f, i) => (idOf.has(f.integration) ? [] : [{ path: `findings.${i}.integration`, message: `Unknown integration point ${f.integration}` }]));
    if (unknown.length) refuse(unknown);
    // Two statements whatever the count, so a large selection stays well inside the transaction's time limit.
    const created = await tx.waiver.createManyAndReturn({
      data: data.findings.map((f) => ({ ruleId: f.rule, integrationId: idOf.get(f.integration)!, reason: data.reason, expiresAt, decisionNumber: data.decision, ...grantor(actor) })),
    });
    // Answered in the order asked (RETURNING promises no order); each rule and integration pair is listed once.
    const position = new Map(data.findings.map((f, i) => [pairId(f), i]));
    const keyOf = new Map(rows.map((r) => [r.id, r.key]));
    const granted = created
      .map((w) => view({ ...w, integration: { key: keyOf.get(w.integrationId)! } }, now))
      .sort((x, y) => position.get(pairId(x))! - position.get(pairId(y))!);
    await recordAudits(tx, auditActor(actor), granted.map((w) => ({ action: "waiver.grant", entityType: "waiver", entityId: w.id, after: w })));
    return granted;
  });
}

export async function revokeWaiver(actor: Actor, id: string): Promise<WaiverView> {
  authorize(actor, "waiver:grant");
  if (!z.string().uuid().safeParse(id).success) throw new AppError("not_found", "No such waiver");
  return db().$transaction(async (tx) => {
    const before = await tx.waiver.findUnique({ where: { id }, include });
    if (!before) throw new AppError("not_found", "No such waiver");
    if (before.revokedAt) return view(before);
    const after = await tx.waiver.update({ where: { id }, data: { revokedAt: new Date(), revokedBy: auditActor(actor).label }, include });
    await recordAudit(tx, auditActor(actor), { action: "waiver.revoke", entityType: "waiver", entityId: id, before: view(before), after: view(after) });
    return view(after);
  });
}
