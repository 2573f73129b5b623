// The audit log: every write records who did what, with before/after, inside the write's transaction.
import type { Prisma } from "@prisma/client";
import type { Tx } from "@/lib/db/client";

export interface AuditActor {
  userId: string | null;
  label: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Prisma.InputJsonValue;
}

/** Strips secrets so they never reach the audit log. */
export function redact<T extends Record<string, unknown>>(row: T): Omit<T, "passwordHash" | "tokenHash"> {
  const { passwordHash: _p, tokenHash: _t, ...rest } = row;
  return rest;
}

const auditRow = (actor: AuditActor, entry: AuditEntry) => ({
  actorId: actor.userId,
  actorLabel: actor.label,
  action: entry.action,
  entityType: entry.entityType,
  entityId: entry.entityId,
  before: json(entry.before),
  after: json(entry.after),
});

export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry) {
  await tx.auditEvent.create({ data: auditRow(actor, entry) });
}

/** Many entries by one actor in one statement (bulk writes), each as recordAudit would write it. */
export async function recordAudits(tx: Tx, actor: AuditActor, entries: AuditEntry[]) {
  if (entries.length) await tx.auditEvent.createMany({ data: entries.map((entry) => auditRow(actor, entry)) });
}
