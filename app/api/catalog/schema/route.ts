import { catalogJsonSchema } from "@/lib/catalog/as-code/json-schema";
import { json, route } from "@/lib/http/route";

/** The JSON Schema of Edgewise YAML, public like the OpenAPI document, so editors can fetch it. */
export const GET = route({ auth: "public" }, async () => json(catalogJsonSchema(), { headers: { "content-type": "application/schema+json", "cache-control": "public, max-age=300" } }));
