import { integrationHistory } from "@/lib/catalog/integrations";
import { route } from "@/lib/http/route";

export const GET = route<undefined, undefined, { key: string }>({ action: "catalog:read" }, async ({ actor, params }) => ({
  items: await integrationHistory(actor, params.key),
  nextCursor: null,
}));
