import { route } from "@/lib/http/route";
import { latencyQuerySchema, latencySeries } from "@/lib/telemetry/latency";
import { latencyResponse } from "@/lib/http/responses/telemetry";

/** `{budget, resolution, series: [{t, count, errors, p50, p95, p99}]}`; a step with no calls has count 0 and null percentiles. */
export const GET = route<undefined, typeof latencyQuerySchema, { key: string }, typeof latencyResponse>({ response: latencyResponse, action: "catalog:read", query: latencyQuerySchema }, ({ actor, params, query }) =>
  latencySeries(actor, params.key, query),
);
