import { route } from "@/lib/http/route";
import { latencyQuerySchema, latencySeries } from "@/lib/telemetry/latency";

/** `{budget, resolution, series: [{t, count, errors, p50, p95, p99}]}`; a step with no calls has count 0 and null percentiles. */
export const GET = route<undefined, typeof latencyQuerySchema, { key: string }>({ action: "catalog:read", query: latencyQuerySchema }, ({ actor, params, query }) =>
  latencySeries(actor, params.key, query),
);
