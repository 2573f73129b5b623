// Counts for the overview page.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export async function estateSummary(actor: Actor) {
  authorize(actor, "catalog:read");
  const [teams, services, yourTeams, byStyle] = await Promise.all([
    db().team.count(),
    db().service.count(),
    db().team.findMany({ where: { id: { in: [...actor.teamIds] } }, select: { slug: true, name: true } }),
    db().integrationPoint.groupBy({ by: ["style"], where: { lifecycle: { not: "retired" } }, _count: { _all: true }, orderBy: { style: "asc" } }),
  ]);
  const styles = byStyle.map((s) => ({ style: s.style, count: s._count._all }));
  return { teams, services, yourTeams, integrations: styles.reduce((n, s) => n + s.count, 0), styles };
}
