import { catalogJsonSchema } from "@/lib/catalog/as-code/json-schema";
import { route } from "@/lib/http/route";
import { documentResponse } from "@/lib/http/responses/system";

/** The JSON Schema of Edgewise YAML, public like the OpenAPI document, so editors can fetch it. */
export const GET = route({ response: documentResponse, auth: "public" }, async ({ reply }) => reply(catalogJsonSchema(), { headers: { "content-type": "application/schema+json", "cache-control": "public, max-age=300" } }));
