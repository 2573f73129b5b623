import { parseNumberParam } from "@/lib/decisions/number-param";
import { reviewDecision } from "@/lib/decisions/records";
import { reviewSchema } from "@/lib/decisions/schema";
import { route } from "@/lib/http/route";
import { reviewResponse } from "@/lib/http/responses/decisions";

export const POST = route<typeof reviewSchema, undefined, { number: string }, typeof reviewResponse>({ response: reviewResponse, action: "decision:write", body: reviewSchema }, ({ actor, params, body }) =>
  reviewDecision(actor, parseNumberParam(params.number).number, body),
);
