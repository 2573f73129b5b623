import { scorecards } from "@/lib/governance/scorecards";
import { route } from "@/lib/http/route";
import { scorecardPageResponse } from "@/lib/http/responses/pages";

export const GET = route({ response: scorecardPageResponse, action: "catalog:read" }, async ({ actor }) => ({ items: await scorecards(actor), nextCursor: null }));
