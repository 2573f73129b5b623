import { revokeToken } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";
import { tokenResponse } from "@/lib/http/responses/admin";

/** Revocation keeps the row (for the audit trail); the token stops working at once. */
export const DELETE = route<undefined, undefined, { id: string }, typeof tokenResponse>({ response: tokenResponse, action: "tokens:manage" }, ({ actor, params }) => revokeToken(actor, params.id));
