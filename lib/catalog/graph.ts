// The service graph for the dependency map, cut to what one view draws: a big estate is grouped by
// team (one node a team, one edge a pair of teams), or by Backstage system when asked, until a team or
// system is opened, a service focused or a journey picked, so a page never carries the whole estate.
import "server-only";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Lifecycle, Style } from "./integration-schema";
import type { IntegrationStatus } from "./integrations";
import { readDb, withReader } from "@/lib/db/replicas";
import { MAP_GROUP_ABOVE, MAX_FOCUS_HOPS } from "./map-limits";

export interface GraphNode {
  id: string;
  label: string;
  team: string;
  teamName: string;
  tier: number;
  /** Set on a team group: how many services it holds. */
  services?: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  style: Style;
  lifecycle: Lifecycle;
  /** From the estate's health table, refreshed each minute (the worst of a group edge's). */
  status: IntegrationStatus;
  protocol: string;
  /** Set on a group edge: how many integration points it stands for. */
  count?: number;
}

export const mapScopeSchema = z.object({
  team: z.string().max(63).optional(),
  journey: z.string().max(63).optional(),
  focus: z.string().max(63).optional(),
  hops: z.coerce.number().int().min(1).max(MAX_FOCUS_HOPS).optional().catch(undefined),
  /** Opens one Backstage system of the grouped-by-system view: its services and the integration points touching them. */
  system: z.string().max(63).optional(),
  group: z.enum(["team", "system", "none"]).optional().catch(undefined),
});
export type MapScope = z.infer<typeof mapScopeSchema>;

export interface CatalogGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  teams: { slug: string; name: string }[];
  /** How the view was cut: the whole estate, grouped by team or by system, one team or system, a journey, or a focused service. */
  mode: "estate" | "grouped" | "grouped-system" | "team" | "system" | "journey" | "focus";
  /** The whole estate's size, for the summary of a cut view. */
  totals: { services: number; integrations: number };
  /** With `focus`: the service, and how many hops out; null when the slug names no service. */
  focus: { service: string; hops: number } | null;
}

/** A group node's id: a service slug never holds a colon. */
export const teamGroupId = (team: string) => `team:${team}`;
/** A system group's id; the services that name no system are the group `system:` (not openable: group them by team). */
export const systemGroupId = (system: string | null) => `system:${system ?? ""}`;

const STATUS_RANK: IntegrationStatus[] = ["breaching", "warning", "silent", "ok", "no-data"];

/** Live integration points: those touching a team, those between given services, or those with given keys (all without a filter). */
async function edgesWhere(filter: { teamId?: string; system?: string; serviceIds?: string[]; keys?: string[] }): Promise<GraphEdge[]> {
  return readDb().$queryRaw<GraphEdge[]>`
    SELECT ip.key AS id, s.slug AS source, t.slug AS target, ip.style, ip.lifecycle, ip.protocol, coalesce(h.status, 'no-data') AS status
    FROM integration_points ip
    LEFT JOIN integration_health h ON h.integration_id = ip.id
    JOIN services s ON s.id = ip.source_service_id
    JOIN services t ON t.id = ip.target_service_id
    WHERE ip.lifecycle <> 'retired'
      AND (${filter.teamId ?? null}::uuid IS NULL OR s.team_id = ${filter.teamId ?? null}::uuid OR t.team_id = ${filter.teamId ?? null}::uuid)
      AND (${filter.system ?? null}::text IS NULL OR s.system = ${filter.system ?? null}::text OR t.system = ${filter.system ?? null}::text)
      AND (${filter.serviceIds ?? null}::uuid[] IS NULL OR (s.id = ANY(${filter.serviceIds ?? null}::uuid[]) AND t.id = ANY(${filter.serviceIds ?? null}::uuid[])))
      AND (${filter.keys ?? null}::text[] IS NULL OR ip.key = ANY(${filter.keys ?? null}::text[]))
    ORDER BY ip.key`;
}

/** The services the edges touch, plus `extra` (a team's services without edges, a focused service). */
async function nodesOf(edges: GraphEdge[], extra: { teamId?: string; system?: string; serviceIds?: string[] } = {}): Promise<GraphNode[]> {
  const slugs = [...new Set(edges.flatMap((e) => [e.source, e.target]))];
  return readDb().$queryRaw<GraphNode[]>`
    SELECT s.slug AS id, s.name AS label, t.slug AS team, t.name AS "teamName", s.tier
    FROM services s JOIN teams t ON t.id = s.team_id
    WHERE s.slug = ANY(${slugs}) OR s.team_id = ${extra.teamId ?? null}::uuid OR s.system = ${extra.system ?? null}::text OR s.id = ANY(${extra.serviceIds ?? []}::uuid[])
    ORDER BY s.slug`;
}

/** One node a team (or a system), one edge an ordered pair of them (the worst status of its integration points). */
async function grouped(by: "team" | "system"): Promise<Pick<CatalogGraph, "nodes" | "edges">> {
  const idOf = (key: string | null) => (by === "team" ? teamGroupId(key!) : systemGroupId(key));
  const [groups, pairs] = await Promise.all([
    by === "team"
      ? readDb().$queryRaw<{ key: string; name: string; services: bigint; tier: number | null }[]>`
          SELECT t.slug AS key, t.name, count(s.id) AS services, min(s.tier) AS tier FROM teams t JOIN services s ON s.team_id = t.id GROUP BY t.slug, t.name ORDER BY t.slug`
      : readDb().$queryRaw<{ key: string | null; name: string; services: bigint; tier: number | null }[]>`
          SELECT s.system AS key, coalesce(s.system, 'No system') AS name, count(*) AS services, min(s.tier) AS tier FROM services s GROUP BY s.system ORDER BY s.system NULLS LAST`,
    readDb().$queryRaw<{ source: string | null; target: string | null; count: bigint; sync: bigint; hybrid: bigint; style: Style; statuses: IntegrationStatus[]; protocols: bigint }[]>`
      SELECT g.source, g.target, count(*) AS count,
             count(*) FILTER (WHERE g.style = 'sync') AS sync, count(*) FILTER (WHERE g.style = 'hybrid') AS hybrid,
             mode() WITHIN GROUP (ORDER BY g.style) AS style, array_agg(DISTINCT g.status) AS statuses,
             count(DISTINCT g.protocol) AS protocols
      FROM (
        SELECT CASE WHEN ${by} = 'team' THEN st.slug ELSE s.system END AS source,
               CASE WHEN ${by} = 'team' THEN tt.slug ELSE t.system END AS target,
               ip.style, ip.protocol, coalesce(h.status, 'no-data') AS status
        FROM integration_points ip
        LEFT JOIN integration_health h ON h.integration_id = ip.id
        JOIN services s ON s.id = ip.source_service_id JOIN teams st ON st.id = s.team_id
        JOIN services t ON t.id = ip.target_service_id JOIN teams tt ON tt.id = t.team_id
        WHERE ip.lifecycle <> 'retired'
      ) g
      GROUP BY g.source, g.target ORDER BY g.source, g.target`,
  ]);
  const nodes = groups.map((g) => ({
    id: idOf(g.key),
    label: g.name,
    // A system group keeps the team field for the legend's colours; it names the group itself.
    team: g.key ?? "",
    teamName: g.name,
    tier: g.tier ?? 3,
    services: Number(g.services),
  }));
  const edges = pairs.map((p) => {
    const count = Number(p.count);
    // Drawn solid when most of the pair's calls are synchronous, as one line for the pair.
    const style: Style = Number(p.sync) * 2 > count ? "sync" : Number(p.hybrid) * 2 > count ? "hybrid" : p.style === "sync" || p.style === "hybrid" ? "async-event" : p.style;
    const status = STATUS_RANK.find((s) => p.statuses.includes(s)) ?? "no-data";
    return {
      id: `${idOf(p.source)}=>${idOf(p.target)}`,
      source: idOf(p.source),
      target: idOf(p.target),
      style,
      lifecycle: "active" as const,
      status,
      protocol: `${count} integration point${count === 1 ? "" : "s"}`,
      count,
    };
  });
  return { nodes, edges };
}

/** The services within `hops` calls of `serviceId`, either direction (a recursive walk in SQL). */
async function neighbourhood(serviceId: string, hops: number): Promise<string[]> {
  const rows = await readDb().$queryRaw<{ id: string }[]>`
    WITH RECURSIVE links AS (
      SELECT source_service_id AS a, target_service_id AS b FROM integration_points WHERE lifecycle <> 'retired'
      UNION ALL
      SELECT target_service_id, source_service_id FROM integration_points WHERE lifecycle <> 'retired'
    ),
    walk(id, depth) AS (
      SELECT ${serviceId}::uuid, 0
      UNION
      SELECT l.b, w.depth + 1 FROM walk w JOIN links l ON l.a = w.id WHERE w.depth < ${hops}
    )
    SELECT DISTINCT id::text AS id FROM walk`;
  return rows.map((r) => r.id);
}

export async function catalogGraph(actor: Actor, scope: MapScope = {}): Promise<CatalogGraph> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const [teams, [totals]] = await Promise.all([
      readDb().team.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } }),
      readDb().$queryRaw<{ services: bigint; integrations: bigint }[]>`
        SELECT (SELECT count(*) FROM services) AS services, (SELECT count(*) FROM integration_points WHERE lifecycle <> 'retired') AS integrations`,
    ]);
    const base = {
      teams: teams.map(({ slug, name }) => ({ slug, name })),
      totals: { services: Number(totals?.services ?? 0), integrations: Number(totals?.integrations ?? 0) },
      focus: null,
    };
    const focused = scope.focus ? await readDb().service.findUnique({ where: { slug: scope.focus }, select: { id: true, slug: true } }) : null;
    if (focused) {
      const hops = scope.hops ?? 1;
      const ids = await neighbourhood(focused.id, hops);
      const edges = await edgesWhere({ serviceIds: ids });
      return { ...base, mode: "focus", focus: { service: focused.slug, hops }, nodes: await nodesOf(edges, { serviceIds: [focused.id] }), edges };
    }
    const team = scope.team ? teams.find((t) => t.slug === scope.team) : undefined;
    if (team) {
      const edges = await edgesWhere({ teamId: team.id });
      return { ...base, mode: "team", nodes: await nodesOf(edges, { teamId: team.id }), edges };
    }
    if (scope.system) {
      const edges = await edgesWhere({ system: scope.system });
      return { ...base, mode: "system", nodes: await nodesOf(edges, { system: scope.system }), edges };
    }
    const big = base.totals.services > MAP_GROUP_ABOVE;
    if (scope.group === "system") return { ...base, mode: "grouped-system", ...(await grouped("system")) };
    if (scope.group === "team" || (big && scope.group !== "none" && !scope.journey)) return { ...base, mode: "grouped", ...(await grouped("team")) };
    if (big && scope.journey && scope.group !== "none") {
      const steps = await readDb().journeyStep.findMany({ where: { journey: { slug: scope.journey } }, select: { integration: { select: { key: true } } } });
      const edges = await edgesWhere({ keys: steps.map((s) => s.integration.key) });
      return { ...base, mode: "journey", nodes: await nodesOf(edges), edges };
    }
    const edges = await edgesWhere({});
    const nodes = await readDb().$queryRaw<GraphNode[]>`
      SELECT s.slug AS id, s.name AS label, t.slug AS team, t.name AS "teamName", s.tier
      FROM services s JOIN teams t ON t.id = s.team_id ORDER BY s.slug`;
    return { ...base, mode: "estate", nodes, edges };
  });
}
