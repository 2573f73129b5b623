import { findingsQuerySchema, listFindings } from "@/lib/governance/findings";
import { route } from "@/lib/http/route";
import { findingsResponse } from "@/lib/http/responses/governance";

export const GET = route({ response: findingsResponse, action: "catalog:read", query: findingsQuerySchema }, ({ actor, query }) => listFindings(actor, query));
