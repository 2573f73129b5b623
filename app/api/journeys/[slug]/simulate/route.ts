import { simulateSchema } from "@/lib/governance/simulate/scenario-schema";
import { simulateStoredJourney } from "@/lib/governance/simulate/run";
import { json, route } from "@/lib/http/route";

type P = { slug: string };
// Read-only though POSTed (the scenario is a body): 200, nothing is written.
export const POST = route<typeof simulateSchema, undefined, P>({ action: "catalog:read", body: simulateSchema }, async ({ actor, body, params }) =>
  json(await simulateStoredJourney(actor, params.slug, body)),
);
