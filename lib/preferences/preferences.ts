// Reads and changes the signed-in user's own preferences; nobody reads or writes another's.
import "server-only";
import { recordAudit } from "@/lib/audit";
import { auditActor, authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Preferences, PreferencesUpdate } from "./schema";

const FIELDS = { timeZone: true, singleKeyShortcuts: true } as const;

export async function getPreferences(actor: Actor): Promise<Preferences> {
  authorize(actor, "catalog:read");
  const user = await db().user.findUnique({ where: { id: actor.userId }, select: FIELDS });
  if (!user) throw new AppError("not_found", "Your user no longer exists");
  return user;
}

export async function updatePreferences(actor: Actor, change: PreferencesUpdate): Promise<Preferences> {
  authorize(actor, "catalog:read");
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: actor.userId }, select: FIELDS });
    if (!before) throw new AppError("not_found", "Your user no longer exists");
    const after = await tx.user.update({ where: { id: actor.userId }, data: { timeZone: change.timeZone, singleKeyShortcuts: change.singleKeyShortcuts }, select: FIELDS });
    // The audit row names only what changed, so a time-zone switch reads as one.
    const changed = (Object.keys(FIELDS) as (keyof Preferences)[]).filter((f) => after[f] !== before[f]);
    if (changed.length) {
      const pick = (p: Preferences) => Object.fromEntries(changed.map((f) => [f, p[f]]));
      await recordAudit(tx, auditActor(actor), { action: "user.preferences", entityType: "user", entityId: actor.userId, before: pick(before), after: pick(after) });
    }
    return after;
  });
}
