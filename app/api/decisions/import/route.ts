import { assertNoErrors, importDecisions, importSchema } from "@/lib/decisions/import-export";
import { json, route } from "@/lib/http/route";

/** MADR files in, `{files:[{name, content}], dryRun}`; a dry run reports what would change and applies nothing. */
export const POST = route({ action: "decision:review", body: importSchema }, async ({ actor, body }) => json(assertNoErrors(await importDecisions(actor, body))));
