import { route } from "@/lib/http/route";
import { sloStatus } from "@/lib/slo/status";

/** Compliance, error budget left, burn rates per window, and the multi-window alert state. */
export const GET = route<undefined, undefined, { key: string }>({ action: "catalog:read" }, ({ actor, params }) => sloStatus(actor, params.key));
