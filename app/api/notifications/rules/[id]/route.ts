import { route } from "@/lib/http/route";
import { deleteRule, updateRule } from "@/lib/notifications/channels";
import { ruleUpdateSchema } from "@/lib/notifications/schema";
import { ruleResponse } from "@/lib/http/responses/admin";

type P = { id: string };
export const PATCH = route<typeof ruleUpdateSchema, undefined, P, typeof ruleResponse>({ response: ruleResponse, action: "catalog:write", body: ruleUpdateSchema }, ({ actor, params, body }) => updateRule(actor, params.id, body));
export const DELETE = route<undefined, undefined, P>({ action: "catalog:write" }, ({ actor, params }) => deleteRule(actor, params.id));
