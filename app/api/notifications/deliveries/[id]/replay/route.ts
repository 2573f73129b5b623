import { route } from "@/lib/http/route";
import { replayDelivery } from "@/lib/notifications/deliveries";
import { replayedDeliveryResponse } from "@/lib/http/responses/actions";

/** Hands a dead letter back to the queue with a fresh set of attempts (202: delivery is asynchronous). */
export const POST = route<undefined, undefined, { id: string }, typeof replayedDeliveryResponse>({ response: replayedDeliveryResponse, action: "catalog:write" }, async ({ actor, params, reply }) => reply(await replayDelivery(actor, params.id), { status: 202 }));
