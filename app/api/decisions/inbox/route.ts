import { inboxCount } from "@/lib/decisions/list";
import { route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read" }, async ({ actor }) => ({ awaitingReview: await inboxCount(actor) }));
