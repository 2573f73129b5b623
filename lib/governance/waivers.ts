// Waivers: an architect silences one rule for one integration point until a date, citing a reason
// (and a decision record). Waived findings stay visible as waived; expiry brings the finding back.
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { MAX_RECORD_NUMBER } from "@/lib/decisions/schema";
import { AppError } from "@/lib/errors";
import type { ActiveWaiver } from "./evaluate";
import { ruleById } from "./rules";

export const waiverSchema = z.object({
  rule: z.string().trim().min(1, "Choose the rule to waive"),
  integration: z.string().trim().min(1, "Choose the integration point"),
  reason: z.string().trim().min(10, "Explain why (at least 10 characters)").max(2000),
  expiresAt: z.iso.datetime({ offset: true, error: "expiresAt is an ISO-8601 date-time, e.g. 2027-03-31T00:00:00Z" }).or(z.iso.date({ error: "expiresAt is a date (YYYY-MM-DD) or date-time" })),
  // Every accepted deviation cites the design decision that accepted it.
  decision: z.number({ error: "Cite the decision record that accepts this deviation (its number)" }).int().positive("Decision record numbers start at 1").max(MAX_RECORD_NUMBER, `Record numbers are at most ${MAX_RECORD_NUMBER}`),
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

export async function grantWaiver(actor: Actor, input: z.input<typeof waiverSchema>, now = new Date()): Promise<WaiverView> {
  authorize(actor, "waiver:grant");
  const data = waiverSchema.parse(input);
  if (!ruleById.has(data.rule)) throw new AppError("validation_failed", `Unknown rule ${data.rule}`, [{ path: "rule", message: "Unknown rule" }]);
  const expiresAt = new Date(data.expiresAt.length === 10 ? `${data.expiresAt}T00:00:00Z` : data.expiresAt);
  if (expiresAt <= now) throw new AppError("validation_failed", "A waiver must expire in the future", [{ path: "expiresAt", message: "Must be in the future" }]);
  if (expiresAt.getTime() - now.getTime() > MAX_WAIVER_DAYS * 86_400_000) {
    throw new AppError("validation_failed", `Waivers last at most ${MAX_WAIVER_DAYS} days; renew them with a fresh review`, [{ path: "expiresAt", message: "At most a year ahead" }]);
  }
  return db().$transaction(async (tx) => {
    const integration = await tx.integrationPoint.findUnique({ where: { key: data.integration } });
    const decision = await tx.decisionRecord.findUnique({ where: { number: data.decision }, select: { status: true } });
    if (!decision) throw new AppError("validation_failed", `No decision record ADR-${String(data.decision).padStart(4, "0")}`, [{ path: "decision", message: "No such decision record" }]);
    if (!integration) throw new AppError("validation_failed", `Unknown integration point ${data.integration}`, [{ path: "integration", message: "Unknown integration point" }]);
    const row = await tx.waiver.create({
      data: { ruleId: data.rule, integrationId: integration.id, reason: data.reason, expiresAt, decisionNumber: data.decision, grantedById: actor.via === "system" ? null : actor.userId, grantedBy: auditActor(actor).label },
      include,
    });
    await recordAudit(tx, auditActor(actor), { action: "waiver.grant", entityType: "waiver", entityId: row.id, after: view(row, now) });
    return view(row, now);
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
