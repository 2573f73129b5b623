import { json, route } from "@/lib/http/route";
import { replayDelivery } from "@/lib/notifications/deliveries";

/** Hands a dead letter back to the queue with a fresh set of attempts (202: delivery is asynchronous). */
export const POST = route<undefined, undefined, { id: string }>({ action: "catalog:write" }, async ({ actor, params }) => json(await replayDelivery(actor, params.id), { status: 202 }));
