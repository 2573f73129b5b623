import { route } from "@/lib/http/route";
import { replayDeadLetters } from "@/lib/notifications/deliveries";
import { deadLetterReplaySchema } from "@/lib/notifications/schema";
import { replayedResponse } from "@/lib/http/responses/actions";

/** Replays every dead letter of one channel (`channelId`), or of every channel the caller manages. */
export const POST = route({ response: replayedResponse, action: "catalog:write", body: deadLetterReplaySchema }, async ({ actor, body, reply }) => reply(await replayDeadLetters(actor, body), { status: 202 }));
