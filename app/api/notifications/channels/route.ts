import { route } from "@/lib/http/route";
import { createChannel, listChannels } from "@/lib/notifications/channels";
import { channelCreateSchema } from "@/lib/notifications/schema";
import { channelPageResponse } from "@/lib/http/responses/pages";
import { createdChannelResponse } from "@/lib/http/responses/admin";

export const GET = route({ response: channelPageResponse, action: "catalog:write" }, async ({ actor }) => ({ items: await listChannels(actor), nextCursor: null }));
/** Answers the webhook signing secret once, here; it is never shown again. */
export const POST = route({ response: createdChannelResponse, action: "catalog:write", body: channelCreateSchema }, ({ actor, body }) => createChannel(actor, body));
