import { route } from "@/lib/http/route";
import { exemplarQuerySchema, exemplarsOf } from "@/lib/telemetry/exemplar-query";
import { exemplarsResponse } from "@/lib/http/responses/telemetry";

/** `{items: [{traceId, spanId, durationMs, at, error}], traceUrlTemplate}`: the calls behind the latency, slowest first. */
export const GET = route<undefined, typeof exemplarQuerySchema, { key: string }, typeof exemplarsResponse>({ response: exemplarsResponse, action: "catalog:read", query: exemplarQuerySchema }, ({ actor, params, query }) =>
  exemplarsOf(actor, params.key, query),
);
