import { route } from "@/lib/http/route";
import { createRule, listRules } from "@/lib/notifications/channels";
import { ruleCreateSchema } from "@/lib/notifications/schema";

export const GET = route({ action: "catalog:write" }, async ({ actor }) => ({ items: await listRules(actor), nextCursor: null }));
export const POST = route({ action: "catalog:write", body: ruleCreateSchema }, ({ actor, body }) => createRule(actor, body));
