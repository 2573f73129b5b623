import { bulkWaiverSchema, grantWaivers } from "@/lib/governance/waivers";
import { route } from "@/lib/http/route";

export const POST = route({ action: "waiver:grant", body: bulkWaiverSchema }, async ({ actor, body }) => ({ items: await grantWaivers(actor, body), nextCursor: null }));
