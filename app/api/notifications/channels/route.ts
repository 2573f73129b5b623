import { route } from "@/lib/http/route";
import { createChannel, listChannels } from "@/lib/notifications/channels";
import { channelCreateSchema } from "@/lib/notifications/schema";

export const GET = route({ action: "catalog:write" }, async ({ actor }) => ({ items: await listChannels(actor), nextCursor: null }));
/** Answers the webhook signing secret once, here; it is never shown again. */
export const POST = route({ action: "catalog:write", body: channelCreateSchema }, ({ actor, body }) => createChannel(actor, body));
