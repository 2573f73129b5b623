import { createJourney, journeySchema, listJourneys } from "@/lib/governance/journeys";
import { route } from "@/lib/http/route";
import { journeyPageResponse } from "@/lib/http/responses/pages";
import { journeyResponse } from "@/lib/http/responses/governance";

export const GET = route({ response: journeyPageResponse, action: "catalog:read" }, async ({ actor }) => ({ items: await listJourneys(actor), nextCursor: null }));
export const POST = route({ response: journeyResponse, action: "catalog:write", body: journeySchema }, ({ actor, body }) => createJourney(actor, body));
