import { auditListQuerySchema, listAuditEvents } from "@/lib/audit-log";
import { route } from "@/lib/http/route";
import { auditPageResponse } from "@/lib/http/responses/admin";

export const GET = route({ response: auditPageResponse, action: "settings:manage", query: auditListQuerySchema }, async ({ actor, query }) => listAuditEvents(actor, query));
