import { route } from "@/lib/http/route";
import { driftBoard, driftQuerySchema } from "@/lib/slo/drift-board";
import { driftResponse } from "@/lib/http/responses/telemetry";

/** Integration points ranked by drift (or time to breach): baseline vs recent p99, trend, change point, projected breach. */
export const GET = route({ response: driftResponse, action: "catalog:read", query: driftQuerySchema }, ({ actor, query }) => driftBoard(actor, query));
