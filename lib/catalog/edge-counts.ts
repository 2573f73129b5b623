// Inbound and outbound integration counts per service, in one query (for the services list).
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export interface EdgeCounts {
  inbound: number;
  outbound: number;
}

/** Counts for the services named (a page of the list), so the cost follows the page and not the estate. */
export async function integrationCountsByService(actor: Actor, slugs: string[]): Promise<Map<string, EdgeCounts>> {
  authorize(actor, "catalog:read");
  if (slugs.length === 0) return new Map();
  const rows = await db().$queryRaw<{ slug: string; inbound: number; outbound: number }[]>`
    SELECT s.slug,
           count(*) FILTER (WHERE ip.target_service_id = s.id)::int AS inbound,
           count(*) FILTER (WHERE ip.source_service_id = s.id)::int AS outbound
    FROM services s
    JOIN integration_points ip ON (ip.source_service_id = s.id OR ip.target_service_id = s.id) AND ip.lifecycle <> 'retired'
    WHERE s.slug = ANY(${slugs})
    GROUP BY s.slug`;
  return new Map(rows.map((r) => [r.slug, { inbound: r.inbound, outbound: r.outbound }]));
}
