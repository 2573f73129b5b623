import { catalogImportQuerySchema, catalogImportSchema, importCatalog, MAX_IMPORT_BYTES } from "@/lib/catalog/as-code/import";
import { AppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-body";
import { json, route } from "@/lib/http/route";
import { catalogImportResponse } from "@/lib/http/responses/actions";

/**
 * Catalog YAML in: raw YAML (application/yaml or text/yaml, one file) or JSON `{files, dryRun, prune}`.
 * Answers 200 with the plan (applied unless a dry run), 422 with every issue, 403 naming what is not yours.
 */
export const POST = route({ response: catalogImportResponse, action: "catalog:write", query: catalogImportQuerySchema }, async ({ req, actor, query }) => {
  const type = req.headers.get("content-type") ?? "";
  const text = (await readLimitedBody(req, MAX_IMPORT_BYTES)).toString("utf8");
  let input: Record<string, unknown>;
  if (/^(application|text)\/(x-)?yaml\b/i.test(type)) {
    input = { files: [{ name: query.file ?? "request.yaml", content: text }] };
  } else if (/^application\/json\b/i.test(type)) {
    try {
      input = catalogImportSchema.parse(JSON.parse(text));
    } catch (err) {
      if (err instanceof SyntaxError) throw new AppError("bad_request", "The body is not valid JSON");
      throw err;
    }
  } else {
    throw new AppError("unsupported_media_type", "Send YAML as application/yaml, or JSON {files:[{name, content}], dryRun, prune} as application/json");
  }
  return json(await importCatalog(actor, { ...input, files: input.files as never, dryRun: query.dryRun ?? (input.dryRun as boolean | undefined), prune: query.prune ?? (input.prune as boolean | undefined) }));
});
