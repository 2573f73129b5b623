import { route } from "@/lib/http/route";
import { createRule, listRules } from "@/lib/notifications/channels";
import { ruleCreateSchema } from "@/lib/notifications/schema";
import { rulePageResponse } from "@/lib/http/responses/pages";
import { ruleResponse } from "@/lib/http/responses/admin";

export const GET = route({ response: rulePageResponse, action: "catalog:write" }, async ({ actor }) => ({ items: await listRules(actor), nextCursor: null }));
export const POST = route({ response: ruleResponse, action: "catalog:write", body: ruleCreateSchema }, ({ actor, body }) => createRule(actor, body));
