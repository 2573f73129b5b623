import { route } from "@/lib/http/route";
import { deleteChannel, getChannel, updateChannel } from "@/lib/notifications/channels";
import { channelUpdateSchema } from "@/lib/notifications/schema";
import { channelResponse, updatedChannelResponse } from "@/lib/http/responses/admin";

type P = { id: string };
export const GET = route<undefined, undefined, P, typeof channelResponse>({ response: channelResponse, action: "catalog:write" }, ({ actor, params }) => getChannel(actor, params.id));
export const PATCH = route<typeof channelUpdateSchema, undefined, P, typeof updatedChannelResponse>({ response: updatedChannelResponse, action: "catalog:write", body: channelUpdateSchema }, ({ actor, params, body }) => updateChannel(actor, params.id, body));
/** Deletes the channel with its rules and delivery log. */
export const DELETE = route<undefined, undefined, P>({ action: "catalog:write" }, ({ actor, params }) => deleteChannel(actor, params.id));
