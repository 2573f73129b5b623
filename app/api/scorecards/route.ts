import { scorecards } from "@/lib/governance/scorecards";
import { route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read" }, async ({ actor }) => ({ items: await scorecards(actor), nextCursor: null }));
