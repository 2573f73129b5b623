import { json, route } from "@/lib/http/route";
import { testChannel } from "@/lib/notifications/channels";

/** Sends a test event synchronously and answers the outcome (200 whatever the receiver said). */
export const POST = route<undefined, undefined, { id: string }>({ action: "catalog:write" }, async ({ actor, params }) => json(await testChannel(actor, params.id)));
