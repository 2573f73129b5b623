import { route } from "@/lib/http/route";
import { observedEdges, silentIntegrations } from "@/lib/telemetry/observed";
import { observedEdgesResponse } from "@/lib/http/responses/telemetry";

/** Traffic on undeclared edges (busiest first), and declared integration points gone silent. */
export const GET = route({ response: observedEdgesResponse, action: "catalog:read" }, async ({ actor }) => ({
  items: await observedEdges(actor),
  silent: await silentIntegrations(actor),
  nextCursor: null,
}));
