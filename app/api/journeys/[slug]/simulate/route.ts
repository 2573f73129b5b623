import { simulateSchema } from "@/lib/governance/simulate/scenario-schema";
import { simulateStoredJourney } from "@/lib/governance/simulate/run";
import { route } from "@/lib/http/route";
import { simulationResponse } from "@/lib/http/responses/actions";

type P = { slug: string };
// Read-only though POSTed (the scenario is a body): 200, nothing is written.
export const POST = route<typeof simulateSchema, undefined, P, typeof simulationResponse>({ response: simulationResponse, action: "catalog:read", body: simulateSchema }, async ({ actor, body, params, reply }) =>
  reply(await simulateStoredJourney(actor, params.slug, body)),
);
