import { route } from "@/lib/http/route";
import { heatmapQuerySchema, latencyHeatmap } from "@/lib/telemetry/heatmap";
import { heatmapResponse } from "@/lib/http/responses/telemetry";

/** `{resolution, stepMs, bandsMs, columns: [{t, count, counts}], maxCount, approximate}`: calls per log-spaced latency band per step. */
export const GET = route<undefined, typeof heatmapQuerySchema, { key: string }, typeof heatmapResponse>({ response: heatmapResponse, action: "catalog:read", query: heatmapQuerySchema }, ({ actor, params, query }) =>
  latencyHeatmap(actor, params.key, query),
);
