// The service graph for the dependency map: every service, and every integration point not retired.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Lifecycle, Style } from "./integration-schema";
import type { IntegrationStatus } from "./integrations";

export interface GraphNode {
  id: string;
  label: string;
  team: string;
  teamName: string;
  tier: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  style: Style;
  lifecycle: Lifecycle;
  /** From the estate's health table, refreshed each minute. */
  status: IntegrationStatus;
  protocol: string;
}

export async function catalogGraph(actor: Actor): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; teams: { slug: string; name: string }[] }> {
  authorize(actor, "catalog:read");
  const [nodes, edges, teams] = await Promise.all([
    db().$queryRaw<GraphNode[]>`
      SELECT s.slug AS id, s.name AS label, t.slug AS team, t.name AS "teamName", s.tier
      FROM services s JOIN teams t ON t.id = s.team_id ORDER BY s.slug`,
    db().$queryRaw<GraphEdge[]>`
      SELECT ip.key AS id, s.slug AS source, t.slug AS target, ip.style, ip.lifecycle, ip.protocol, coalesce(h.status, 'no-data') AS status
      FROM integration_points ip
      LEFT JOIN integration_health h ON h.integration_id = ip.id
      JOIN services s ON s.id = ip.source_service_id
      JOIN services t ON t.id = ip.target_service_id
      WHERE ip.lifecycle <> 'retired' ORDER BY ip.key`,
    db().team.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { nodes, edges, teams };
}
