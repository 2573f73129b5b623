import { revokeWaiver } from "@/lib/governance/waivers";
import { route } from "@/lib/http/route";

/** Revokes the waiver (kept for the record); its finding is open again at once. */
export const DELETE = route<undefined, undefined, { id: string }>({ action: "waiver:grant" }, ({ actor, params }) => revokeWaiver(actor, params.id));
