import { auditListQuerySchema, listAuditEvents } from "@/lib/audit-log";
import { route } from "@/lib/http/route";

export const GET = route({ action: "settings:manage", query: auditListQuerySchema }, async ({ actor, query }) => listAuditEvents(actor, query));
