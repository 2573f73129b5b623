// Counts for the overview page.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export async function estateSummary(actor: Actor) {
  authorize(actor, "catalog:read");
  const [teams, services, yourTeams] = await Promise.all([
    db().team.count(),
    db().service.count(),
    db().team.findMany({ where: { id: { in: [...actor.teamIds] } }, select: { slug: true, name: true } }),
  ]);
  return { teams, services, yourTeams };
}
