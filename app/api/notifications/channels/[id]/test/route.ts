import { route } from "@/lib/http/route";
import { testChannel } from "@/lib/notifications/channels";
import { channelTestResponse } from "@/lib/http/responses/actions";

/** Sends a test event synchronously and answers the outcome (200 whatever the receiver said). */
export const POST = route<undefined, undefined, { id: string }, typeof channelTestResponse>({ response: channelTestResponse, action: "catalog:write" }, async ({ actor, params, reply }) => reply(await testChannel(actor, params.id)));
