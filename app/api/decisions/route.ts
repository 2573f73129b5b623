import { listDecisions } from "@/lib/decisions/list";
import { createDecision } from "@/lib/decisions/records";
import { decisionListQuerySchema, decisionSchema } from "@/lib/decisions/schema";
import { route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read", query: decisionListQuerySchema }, async ({ actor, query }) => ({ items: await listDecisions(actor, query), nextCursor: null }));
export const POST = route({ action: "decision:write", body: decisionSchema }, ({ actor, body }) => createDecision(actor, body));
