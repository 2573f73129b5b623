import { grantWaiver, listWaivers, waiverListQuerySchema, waiverSchema } from "@/lib/governance/waivers";
import { route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read", query: waiverListQuerySchema }, async ({ actor, query }) => ({ items: await listWaivers(actor, query), nextCursor: null }));
export const POST = route({ action: "waiver:grant", body: waiverSchema }, ({ actor, body }) => grantWaiver(actor, body));
