import { parseNumberParam } from "@/lib/decisions/number-param";
import { transitionDecision } from "@/lib/decisions/records";
import { transitionSchema } from "@/lib/decisions/schema";
import { route } from "@/lib/http/route";
import { decisionResponse } from "@/lib/http/responses/decisions";

/** An illegal transition answers 409 with `details.allowed`: the transitions the caller may make. */
export const POST = route<typeof transitionSchema, undefined, { number: string }, typeof decisionResponse>({ response: decisionResponse, action: "decision:write", body: transitionSchema }, ({ actor, params, body }) =>
  transitionDecision(actor, parseNumberParam(params.number).number, body),
);
