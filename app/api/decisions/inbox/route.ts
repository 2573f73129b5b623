import { inboxCount } from "@/lib/decisions/list";
import { route } from "@/lib/http/route";
import { inboxResponse } from "@/lib/http/responses/decisions";

export const GET = route({ response: inboxResponse, action: "catalog:read" }, async ({ actor }) => ({ awaitingReview: await inboxCount(actor) }));
