import { route } from "@/lib/http/route";
import { driftBoard, driftQuerySchema } from "@/lib/slo/drift-board";

/** Integration points ranked by drift (or time to breach): baseline vs recent p99, trend, change point, projected breach. */
export const GET = route({ action: "catalog:read", query: driftQuerySchema }, ({ actor, query }) => driftBoard(actor, query));
