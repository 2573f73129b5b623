import { route } from "@/lib/http/route";
import { exemplarQuerySchema, exemplarsOf } from "@/lib/telemetry/exemplar-query";

/** `{items: [{traceId, spanId, durationMs, at, error}], traceUrlTemplate}`: the calls behind the latency, slowest first. */
export const GET = route<undefined, typeof exemplarQuerySchema, { key: string }>({ action: "catalog:read", query: exemplarQuerySchema }, ({ actor, params, query }) =>
  exemplarsOf(actor, params.key, query),
);
