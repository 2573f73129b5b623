// Counts for the overview page.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export async function estateSummary(actor: Actor) {
  authorize(actor, "catalog:read");
  // One raw query (the overview renders it on every visit; four ORM queries were compiled each time).
  const [row] = await db().$queryRaw<{ teams: bigint; services: bigint; your_teams: { slug: string; name: string }[]; styles: { style: string; count: number }[] }[]>`
    SELECT (SELECT count(*) FROM teams) AS teams,
           (SELECT count(*) FROM services) AS services,
           coalesce((SELECT json_agg(json_build_object('slug', slug, 'name', name) ORDER BY slug) FROM teams WHERE id::text = ANY(${[...actor.teamIds]}::text[])), '[]') AS your_teams,
           coalesce((SELECT json_agg(json_build_object('style', style, 'count', n) ORDER BY style)
                     FROM (SELECT style, count(*)::int AS n FROM integration_points WHERE lifecycle <> 'retired' GROUP BY style) AS by_style), '[]') AS styles`;
  const styles = row!.styles;
  return { teams: Number(row!.teams), services: Number(row!.services), yourTeams: row!.your_teams, integrations: styles.reduce((n, s) => n + s.count, 0), styles };
}

export interface NamedOption {
  slug: string;
  name: string;
}

/** Every team (by name) and service (by slug), slug and name only: the catalog's filter choices, in one raw query. */
export async function filterOptions(actor: Actor): Promise<{ teams: NamedOption[]; services: NamedOption[] }> {
  authorize(actor, "catalog:read");
  const [row] = await db().$queryRaw<{ teams: NamedOption[]; services: NamedOption[] }[]>`
    SELECT coalesce((SELECT json_agg(json_build_object('slug', slug, 'name', name) ORDER BY name, slug) FROM teams), '[]') AS teams,
           coalesce((SELECT json_agg(json_build_object('slug', slug, 'name', name) ORDER BY slug) FROM services), '[]') AS services`;
  return row!;
}
