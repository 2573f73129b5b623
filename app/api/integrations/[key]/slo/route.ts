import { route } from "@/lib/http/route";
import { sloStatus } from "@/lib/slo/status";
import { sloResponse } from "@/lib/http/responses/telemetry";

/** Compliance, error budget left, burn rates per window, and the multi-window alert state. */
export const GET = route<undefined, undefined, { key: string }, typeof sloResponse>({ response: sloResponse, action: "catalog:read" }, ({ actor, params }) => sloStatus(actor, params.key));
