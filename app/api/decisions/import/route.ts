import { assertNoErrors, importDecisions, importSchema } from "@/lib/decisions/import-export";
import { json, route } from "@/lib/http/route";
import { decisionImportResponse } from "@/lib/http/responses/actions";

/** MADR files in, `{files:[{name, content}], dryRun}`; a dry run reports what would change and applies nothing. */
export const POST = route({ response: decisionImportResponse, action: "decision:review", body: importSchema }, async ({ actor, body }) => json(assertNoErrors(await importDecisions(actor, body))));
