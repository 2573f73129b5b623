import { bulkWaiverSchema, grantWaivers } from "@/lib/governance/waivers";
import { route } from "@/lib/http/route";
import { waiverPageResponse } from "@/lib/http/responses/pages";

export const POST = route({ response: waiverPageResponse, action: "waiver:grant", body: bulkWaiverSchema }, async ({ actor, body }) => ({ items: await grantWaivers(actor, body), nextCursor: null }));
