// Team scorecards, with a daily snapshot per team so the trend survives later changes.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { allFindings } from "./findings";
import { scoreTeam, type Score } from "./scorecard-levels";

export interface Scorecard extends Score {
  team: string;
  teamName: string;
  trend: { day: string; passingPercent: number; level: string }[];
}

export async function scorecards(actor: Actor, now = new Date()): Promise<Scorecard[]> {
  authorize(actor, "catalog:read");
  const [teams, integrations, findings] = await Promise.all([
    db().team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } }),
    db().integrationPoint.findMany({ where: { lifecycle: { not: "retired" } }, select: { key: true, source: { select: { teamId: true } } } }),
    allFindings(now),
  ]);
  const day = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const scores = teams.map((t) => {
    const keys = integrations.filter((i) => i.source.teamId === t.id).map((i) => i.key);
    return { team: t, score: scoreTeam(keys, findings.filter((f) => f.team === t.slug)) };
  });
  // Today's row reflects the latest state of the day; earlier days are never rewritten.
  await db().$transaction(
    scores.map(({ team, score }) =>
      db().scorecardSnapshot.upsert({
        where: { teamId_day: { teamId: team.id, day } },
        create: { teamId: team.id, day, total: score.total, passing: score.passing, level: score.level, counts: score.counts },
        update: { total: score.total, passing: score.passing, level: score.level, counts: score.counts },
      }),
    ),
  );
  const history = await db().scorecardSnapshot.findMany({ where: { day: { gte: new Date(day.getTime() - 90 * 86_400_000) } }, orderBy: { day: "asc" } });
  return scores.map(({ team, score }) => ({
    team: team.slug,
    teamName: team.name,
    ...score,
    trend: history
      .filter((h) => h.teamId === team.id)
      .map((h) => ({ day: h.day.toISOString().slice(0, 10), passingPercent: h.total ? Math.round((h.passing / h.total) * 1000) / 10 : 100, level: h.level })),
  }));
}
