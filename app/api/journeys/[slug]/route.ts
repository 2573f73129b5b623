import { z } from "zod";
import { deleteJourney, getJourney, updateJourney } from "@/lib/governance/journeys";
import { route } from "@/lib/http/route";
import { journeyResponse } from "@/lib/http/responses/governance";

type P = { slug: string };
export const GET = route<undefined, undefined, P, typeof journeyResponse>({ response: journeyResponse, action: "catalog:read" }, ({ actor, params }) => getJourney(actor, params.slug));
// The raw object goes to the data function: parsing here would fill defaults for omitted fields.
const patch = z.record(z.string(), z.unknown());
export const PATCH = route<typeof patch, undefined, P, typeof journeyResponse>({ response: journeyResponse, action: "catalog:write", body: patch }, ({ actor, body, params }) => updateJourney(actor, params.slug, body));
export const DELETE = route<undefined, undefined, P>({ action: "catalog:write" }, ({ actor, params }) => deleteJourney(actor, params.slug));
