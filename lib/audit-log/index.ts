// The audit log read side, for admins: who changed what and when, filtered and paged, or as CSV.
import "server-only";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { csvRow } from "./csv";

const isoDate = (label: string) =>
  z
    .string()
    .trim()
    .max(40)
    .refine((s) => !Number.isNaN(Date.parse(s)), `${label} must be a date or date-time (ISO 8601)`)
    .transform((s) => new Date(s));

const filterFields = {
    actor: z.string().trim().max(200).optional().describe("Part of the actor's email or label"),
    entityType: z.string().trim().max(60).optional().describe("Exact entity type, e.g. integration, decision, user"),
    action: z.string().trim().max(80).optional().describe("Action, or its prefix before a dot (e.g. token matches token.create)"),
    from: isoDate("from").optional(),
    to: isoDate("to").optional(),
};
const ordered = (f: { from?: Date; to?: Date }) => !f.from || !f.to || f.from <= f.to;
const orderMessage = { message: "from must not be after to", path: ["to"] };

export const auditFilterSchema = z.object(filterFields).refine(ordered, orderMessage);
export const auditListQuerySchema = z
  .object({
    ...filterFields,
    cursor: z.string().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(ordered, orderMessage);
export type AuditFilter = z.output<typeof auditFilterSchema>;
export type AuditListQuery = z.output<typeof auditListQuerySchema>;

export interface AuditEventView {
  id: string;
  at: string;
  actor: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

function where(f: AuditFilter, beforeId?: bigint): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor) and.push({ actorLabel: { contains: f.actor, mode: "insensitive" } });
  if (f.entityType) and.push({ entityType: f.entityType });
  if (f.action) and.push({ OR: [{ action: f.action }, { action: { startsWith: `${f.action}.` } }] });
  if (f.from) and.push({ at: { gte: f.from } });
  if (f.to) and.push({ at: { lte: f.to } });
  if (beforeId !== undefined) and.push({ id: { lt: beforeId } });
  return { AND: and };
}

const encodeCursor = (id: bigint) => Buffer.from(`a:${id}`).toString("base64url");
function decodeCursor(cursor: string | undefined): bigint | undefined {
  if (!cursor) return undefined;
  const match = /^a:(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new AppError("bad_request", "The cursor is not one this API returned");
  return BigInt(match[1]!);
}

type Row = Awaited<ReturnType<typeof findPage>>[number];
const findPage = (w: Prisma.AuditEventWhereInput, take: number) => db().auditEvent.findMany({ where: w, orderBy: { id: "desc" }, take });

function view(r: Row): AuditEventView {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: r.actorLabel,
    actorId: r.actorId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
  };
}

/** Newest first; `nextCursor` continues after the last item (stable while new events arrive). */
export async function listAuditEvents(actor: Actor, query: AuditListQuery): Promise<{ items: AuditEventView[]; nextCursor: string | null; entityTypes: string[] }> {
  authorize(actor, "settings:manage");
  const rows = await findPage(where(query, decodeCursor(query.cursor)), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const types = await db().auditEvent.findMany({ distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } });
  return {
    items: page.map(view),
    nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.id) : null,
    entityTypes: types.map((t) => t.entityType),
  };
}

export const AUDIT_EXPORT_MAX_ROWS = 100_000;
const CSV_HEADER = ["id", "at", "actor", "action", "entity_type", "entity_id", "before", "after"];

/**
 * The filtered log as CSV, newest first, read in batches so a large log is never held in memory at once.
 * The first chunk holds the header and the first batch, so a query that fails does so before any byte is sent.
 */
export async function* auditCsv(actor: Actor, filter: AuditFilter): AsyncGenerator<string> {
  authorize(actor, "settings:manage");
  let chunk = csvRow(CSV_HEADER);
  let cursor: bigint | undefined;
  let sent = 0;
  for (;;) {
    const take = Math.min(1000, AUDIT_EXPORT_MAX_ROWS - sent);
    const rows = take > 0 ? await findPage(where(filter, cursor), take) : [];
    chunk += rows.map((r) => { const v = view(r); return csvRow([v.id, v.at, v.actor, v.action, v.entityType, v.entityId, v.before, v.after]); }).join("");
    yield chunk;
    chunk = "";
    sent += rows.length;
    if (take === 0 || rows.length < take) return;
    cursor = rows.at(-1)!.id;
  }
}
