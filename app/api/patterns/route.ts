import { patterns, patternView } from "@/lib/governance/patterns";
import { route } from "@/lib/http/route";
import { patternPageResponse } from "@/lib/http/responses/pages";

/** The pattern blueprints: defaults for every design field, the rules they satisfy, trade-offs. */
export const GET = route({ response: patternPageResponse, action: "catalog:read" }, async () => ({ items: patterns.map(patternView), nextCursor: null }));
