import { route } from "@/lib/http/route";
import { search, searchQuerySchema } from "@/lib/search/search";
import { searchResponse } from "@/lib/http/responses/search";

export const GET = route({ response: searchResponse, action: "catalog:read", query: searchQuerySchema }, ({ actor, query }) => search(actor, query));
