import { listDecisions } from "@/lib/decisions/list";
import { createDecision } from "@/lib/decisions/records";
import { decisionListQuerySchema, decisionSchema } from "@/lib/decisions/schema";
import { route } from "@/lib/http/route";
import { decisionPageResponse } from "@/lib/http/responses/pages";
import { decisionResponse } from "@/lib/http/responses/decisions";

export const GET = route({ response: decisionPageResponse, action: "catalog:read", query: decisionListQuerySchema }, async ({ actor, query }) => ({ items: await listDecisions(actor, query), nextCursor: null }));
export const POST = route({ response: decisionResponse, action: "decision:write", body: decisionSchema }, ({ actor, body }) => createDecision(actor, body));
