import { policyUpdateSchema, updatePolicy } from "@/lib/governance/policies";
import { route } from "@/lib/http/route";

export const PATCH = route<typeof policyUpdateSchema, undefined, { rule: string }>({ action: "policy:edit", body: policyUpdateSchema }, ({ actor, body, params }) =>
  updatePolicy(actor, params.rule, body),
);
