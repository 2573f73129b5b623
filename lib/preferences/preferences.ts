// Reads and changes the signed-in user's own preferences; nobody reads or writes another's.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Preferences, PreferencesUpdate } from "./schema";

export async function getPreferences(actor: Actor): Promise<Preferences> {
  authorize(actor, "catalog:read");
  const user = await db().user.findUnique({ where: { id: actor.userId }, select: { timeZone: true } });
  if (!user) throw new AppError("not_found", "Your user no longer exists");
  return { timeZone: user.timeZone };
}

export async function updatePreferences(actor: Actor, change: PreferencesUpdate): Promise<Preferences> {
  authorize(actor, "catalog:read");
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: actor.userId }, select: { timeZone: true } });
    if (!before) throw new AppError("not_found", "Your user no longer exists");
    const after = await tx.user.update({ where: { id: actor.userId }, data: { timeZone: change.timeZone }, select: { timeZone: true } });
    if (after.timeZone !== before.timeZone) {
      await recordAudit(tx, auditActor(actor), { action: "user.preferences", entityType: "user", entityId: actor.userId, before, after });
    }
    return { timeZone: after.timeZone };
  });
}
