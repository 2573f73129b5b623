import { json, route } from "@/lib/http/route";
import { replayDeadLetters } from "@/lib/notifications/deliveries";
import { deadLetterReplaySchema } from "@/lib/notifications/schema";

/** Replays every dead letter of one channel (`channelId`), or of every channel the caller manages. */
export const POST = route({ action: "catalog:write", body: deadLetterReplaySchema }, async ({ actor, body }) => json(await replayDeadLetters(actor, body), { status: 202 }));
