import { z } from "zod";
import { integrationListQuerySchema, listIntegrations } from "@/lib/catalog/integration-list";
import { createIntegration, etagOf } from "@/lib/catalog/integrations";
import { route } from "@/lib/http/route";
import { integrationPageResponse, integrationResponse } from "@/lib/http/responses/catalog";

export const GET = route({ response: integrationPageResponse, action: "catalog:read", query: integrationListQuerySchema }, ({ actor, query }) => listIntegrations(actor, query));

export const POST = route({ response: integrationResponse, action: "catalog:write", body: z.record(z.string(), z.unknown()) }, async ({ actor, body, reply }) => {
  const { view, version } = await createIntegration(actor, body);
  return reply(view, { status: 201, headers: { ETag: etagOf(version), Location: `/api/integrations/${encodeURIComponent(view.key)}` } });
});
