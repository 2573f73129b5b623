import { revokeWaiver } from "@/lib/governance/waivers";
import { route } from "@/lib/http/route";
import { waiverResponse } from "@/lib/http/responses/governance";

/** Revokes the waiver (kept for the record); its finding is open again at once. */
export const DELETE = route<undefined, undefined, { id: string }, typeof waiverResponse>({ response: waiverResponse, action: "waiver:grant" }, ({ actor, params }) => revokeWaiver(actor, params.id));
