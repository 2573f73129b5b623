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

/** Above this many services the catalog's Source and Target filters take a typed slug instead of a list of every service. */
export const SERVICE_CHOICES_MAX = 500;

/**
 * Every team (by name) and service (by slug), slug and name only: the catalog's filter choices, in
 * one raw query. Services are null beyond `maxServices`: a big estate's ten thousand would make each
 * of two dropdowns a page's worth of markup.
 */
export async function filterOptions(actor: Actor, maxServices = SERVICE_CHOICES_MAX): Promise<{ teams: NamedOption[]; services: NamedOption[] | null }> {
  authorize(actor, "catalog:read");
  const [row] = await db().$queryRaw<{ teams: NamedOption[]; services: NamedOption[] | null }[]>`
    SELECT coalesce((SELECT json_agg(json_build_object('slug', slug, 'name', name) ORDER BY name, slug) FROM teams), '[]') AS teams,
           CASE WHEN (SELECT count(*) FROM (SELECT FROM services LIMIT ${maxServices + 1}) AS capped) <= ${maxServices}
                THEN coalesce((SELECT json_agg(json_build_object('slug', slug, 'name', name) ORDER BY slug) FROM services), '[]') END AS services`;
  return row!;
}
