import { AppError } from "@/lib/errors";
import { patternByName, patternNames, patternView } from "@/lib/governance/patterns";
import { route } from "@/lib/http/route";
import { patternResponse } from "@/lib/http/responses/governance";

export const GET = route<undefined, undefined, { name: string }, typeof patternResponse>({ response: patternResponse, action: "catalog:read" }, async ({ params }) => {
  const blueprint = patternByName(params.name);
  if (!blueprint) throw new AppError("not_found", `No pattern ${params.name}; the patterns are ${patternNames.join(", ")}`);
  return patternView(blueprint);
});
