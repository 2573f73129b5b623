import { revokeToken } from "@/lib/auth/api-tokens";
import { route } from "@/lib/http/route";

/** Revocation keeps the row (for the audit trail); the token stops working at once. */
export const DELETE = route<undefined, undefined, { id: string }>({ action: "tokens:manage" }, ({ actor, params }) => revokeToken(actor, params.id));
