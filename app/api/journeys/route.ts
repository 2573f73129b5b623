import { createJourney, journeySchema, listJourneys } from "@/lib/governance/journeys";
import { route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read" }, async ({ actor }) => ({ items: await listJourneys(actor), nextCursor: null }));
export const POST = route({ action: "catalog:write", body: journeySchema }, ({ actor, body }) => createJourney(actor, body));
