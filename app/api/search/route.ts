import { route } from "@/lib/http/route";
import { search, searchQuerySchema } from "@/lib/search/search";

export const GET = route({ action: "catalog:read", query: searchQuerySchema }, ({ actor, query }) => search(actor, query));
