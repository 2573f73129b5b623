import { annotationQuerySchema, annotationSchema, createAnnotation, listAnnotations } from "@/lib/catalog/annotations";
import { route } from "@/lib/http/route";
import { annotationPageResponse } from "@/lib/http/responses/pages";
import { annotationResponse } from "@/lib/http/responses/catalog";

export const GET = route({ response: annotationPageResponse, action: "catalog:read", query: annotationQuerySchema }, async ({ actor, query }) => ({ items: await listAnnotations(actor, query), nextCursor: null }));
/** CI pipelines mark deploys: `{kind: "deploy", title, link?, integrations: [keys], at?}`. */
export const POST = route({ response: annotationResponse, action: "catalog:write", body: annotationSchema }, ({ actor, body }) => createAnnotation(actor, body));
