import { listPolicies } from "@/lib/governance/policies";
import { route } from "@/lib/http/route";
import { policyPageResponse } from "@/lib/http/responses/pages";

/** The rules with their rationale, severity, current thresholds and whether they are switched on. */
export const GET = route({ response: policyPageResponse, action: "catalog:read" }, async ({ actor }) => ({ items: await listPolicies(actor), nextCursor: null }));
