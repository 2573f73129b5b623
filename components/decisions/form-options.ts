// Suggestions for the decision editor's link fields: the catalog's integration keys and journey slugs.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { integrationListQuerySchema, listIntegrations } from "@/lib/catalog/integration-list";
import { listJourneys } from "@/lib/governance/journeys";

export async function decisionFormOptions(actor: Actor) {
  const [integrations, journeys] = await Promise.all([
    // The API's page limit; an estate larger than that still accepts any typed key.
    listIntegrations(actor, integrationListQuerySchema.parse({ limit: 200 })),
    listJourneys(actor),
  ]);
  return { integrationKeys: integrations.items.map((i) => i.key), journeySlugs: journeys.map((j) => j.slug).sort() };
}
