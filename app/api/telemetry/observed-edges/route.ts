import { route } from "@/lib/http/route";
import { observedEdges, silentIntegrations } from "@/lib/telemetry/observed";

/** Traffic on undeclared edges (busiest first), and declared integration points gone silent. */
export const GET = route({ action: "catalog:read" }, async ({ actor }) => ({
  items: await observedEdges(actor),
  silent: await silentIntegrations(actor),
  nextCursor: null,
}));
