import { deleteJourney, getJourney, journeyUpdateSchema, updateJourney } from "@/lib/governance/journeys";
import { route } from "@/lib/http/route";

type P = { slug: string };
export const GET = route<undefined, undefined, P>({ action: "catalog:read" }, ({ actor, params }) => getJourney(actor, params.slug));
export const PATCH = route<typeof journeyUpdateSchema, undefined, P>({ action: "catalog:write", body: journeyUpdateSchema }, ({ actor, body, params }) =>
  updateJourney(actor, params.slug, body),
);
export const DELETE = route<undefined, undefined, P>({ action: "catalog:write" }, ({ actor, params }) => deleteJourney(actor, params.slug));
