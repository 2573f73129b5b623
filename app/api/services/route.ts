import { createService, listServices, serviceListQuerySchema, serviceSchema } from "@/lib/catalog/services";
import { route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read", query: serviceListQuerySchema }, async ({ actor, query }) => ({ items: await listServices(actor, query), nextCursor: null }));
export const POST = route({ action: "catalog:write", body: serviceSchema }, ({ actor, body }) => createService(actor, body));
