import { policyUpdateSchema, updatePolicy } from "@/lib/governance/policies";
import { route } from "@/lib/http/route";
import { policyResponse } from "@/lib/http/responses/governance";

export const PATCH = route<typeof policyUpdateSchema, undefined, { rule: string }, typeof policyResponse>({ response: policyResponse, action: "policy:edit", body: policyUpdateSchema }, ({ actor, body, params }) =>
  updatePolicy(actor, params.rule, body),
);
