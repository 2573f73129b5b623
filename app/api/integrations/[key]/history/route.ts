import { integrationHistory } from "@/lib/catalog/integrations";
import { route } from "@/lib/http/route";
import { historyResponse } from "@/lib/http/responses/catalog";

export const GET = route<undefined, undefined, { key: string }, typeof historyResponse>({ response: historyResponse, action: "catalog:read" }, async ({ actor, params }) => ({
  items: await integrationHistory(actor, params.key),
  nextCursor: null,
}));
