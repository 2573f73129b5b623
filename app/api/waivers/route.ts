import { grantWaiver, listWaivers, waiverListQuerySchema, waiverSchema } from "@/lib/governance/waivers";
import { route } from "@/lib/http/route";
import { waiverPageResponse } from "@/lib/http/responses/pages";
import { waiverResponse } from "@/lib/http/responses/governance";

export const GET = route({ response: waiverPageResponse, action: "catalog:read", query: waiverListQuerySchema }, async ({ actor, query }) => ({ items: await listWaivers(actor, query), nextCursor: null }));
export const POST = route({ response: waiverResponse, action: "waiver:grant", body: waiverSchema }, ({ actor, body }) => grantWaiver(actor, body));
