// Reads the whole catalog into the normalized forms import compares against and export writes.
import "server-only";
import { integrationSchema, type IntegrationDeclaration } from "@/lib/catalog/integration-schema";
import { declarationOf, integrationInclude } from "@/lib/catalog/integrations";
import type { db, Tx } from "@/lib/db/client";
import type { JourneySpec, ServiceSpec } from "./validate";
import type { CatalogState } from "./state";

/**
 * jsonb keeps object keys in its own order; passing a stored declaration through its schema puts them
 * back in the schema's order (a valid declaration parses to itself), so exports read naturally.
 */
function inSchemaOrder(d: IntegrationDeclaration): IntegrationDeclaration {
  const parsed = integrationSchema.safeParse(d);
  return parsed.success ? { ...parsed.data, key: d.key } : d;
}

export async function loadState(client: Tx | ReturnType<typeof db>): Promise<CatalogState> {
  const [teams, services, integrations, journeys] = await Promise.all([
    client.team.findMany({ select: { id: true, slug: true, name: true, parent: { select: { slug: true } } }, orderBy: { slug: "asc" } }),
    client.service.findMany({ include: { team: { select: { slug: true } } }, orderBy: { slug: "asc" } }),
    client.integrationPoint.findMany({ include: integrationInclude, orderBy: { key: "asc" } }),
    client.journey.findMany({
      include: { team: { select: { slug: true } }, steps: { orderBy: { position: "asc" }, include: { integration: { select: { key: true } } } } },
      orderBy: { slug: "asc" },
    }),
  ]);
  return {
    teams: new Map(teams.map((t) => [t.slug, { id: t.id, spec: { slug: t.slug, name: t.name, parent: t.parent?.slug ?? null } }])),
    services: new Map(
      services.map((s) => [
        s.slug,
        {
          id: s.id,
          teamId: s.teamId,
          spec: { slug: s.slug, name: s.name, team: s.team.slug, tier: s.tier, description: s.description, links: (s.links as ServiceSpec["links"]).map(({ title, url }) => ({ title, url })), telemetryName: s.telemetryName, type: s.type, lifecycle: s.lifecycle, system: s.system, tags: s.tags },
        },
      ]),
    ),
    integrations: new Map(integrations.map((row) => [row.key, { id: row.id, teamId: row.source.teamId, declaration: inSchemaOrder(declarationOf(row)) }])),
    journeys: new Map(
      journeys.map((j) => [
        j.slug,
        {
          id: j.id,
          teamId: j.teamId,
          spec: {
            slug: j.slug,
            name: j.name,
            description: j.description,
            team: j.team.slug,
            budgetP99Ms: j.budgetP99Ms,
            criticality: j.criticality as JourneySpec["criticality"],
            steps: j.steps.map((s) => s.integration.key),
          },
        },
      ]),
    ),
  };
}
