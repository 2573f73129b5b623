import { annotationQuerySchema, annotationSchema, createAnnotation, listAnnotations } from "@/lib/catalog/annotations";
import { route } from "@/lib/http/route";

export const GET = route({ action: "catalog:read", query: annotationQuerySchema }, async ({ actor, query }) => ({ items: await listAnnotations(actor, query), nextCursor: null }));
/** CI pipelines mark deploys: `{kind: "deploy", title, link?, integrations: [keys], at?}`. */
export const POST = route({ action: "catalog:write", body: annotationSchema }, ({ actor, body }) => createAnnotation(actor, body));
