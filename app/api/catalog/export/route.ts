import { env } from "@/lib/env";
import { catalogExportQuerySchema, exportCatalog } from "@/lib/catalog/as-code/import";
import { route } from "@/lib/http/route";

/** The whole catalog as multi-document YAML: Edgewise (re-importable), Backstage descriptors, OpenSLO, or a Prometheus rule file. */
export const GET = route({ action: "catalog:read", query: catalogExportQuerySchema }, async ({ req, actor, query }) => {
  const yaml = await exportCatalog(actor, query.format, env().NEXTAUTH_URL ?? req.nextUrl.origin, query.metrics);
  const name = query.format === "edgewise" ? "catalog.yaml" : query.format === "prometheus-rules" ? "edgewise-rules.yaml" : `catalog-${query.format}.yaml`;
  return new Response(yaml, {
    headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
