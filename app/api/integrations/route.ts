import { z } from "zod";
import { integrationListQuerySchema, listIntegrations } from "@/lib/catalog/integration-list";
import { createIntegration, etagOf } from "@/lib/catalog/integrations";
import { json, route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read", query: integrationListQuerySchema }, ({ actor, query }) => listIntegrations(actor, query));

export const POST = route({ action: "catalog:write", body: z.record(z.string(), z.unknown()) }, async ({ actor, body }) => {
  const { view, version } = await createIntegration(actor, body);
  return json(view, { status: 201, headers: { ETag: etagOf(version), Location: `/api/integrations/${encodeURIComponent(view.key)}` } });
});
