import { findingsQuerySchema, listFindings } from "@/lib/governance/findings";
import { route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read", query: findingsQuerySchema }, ({ actor, query }) => listFindings(actor, query));
