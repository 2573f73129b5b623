import { createService, listServices, serviceListQuerySchema, serviceSchema } from "@/lib/catalog/services";
import { route } from "@/lib/http/route";
import { servicePageResponse } from "@/lib/http/responses/pages";
import { serviceResponse } from "@/lib/http/responses/catalog";

export const GET = route({ response: servicePageResponse, action: "catalog:read", query: serviceListQuerySchema }, async ({ actor, query }) => ({ items: await listServices(actor, query), nextCursor: null }));
export const POST = route({ response: serviceResponse, action: "catalog:write", body: serviceSchema }, ({ actor, body }) => createService(actor, body));
