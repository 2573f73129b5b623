import { addEvidence, listEvidence } from "@/lib/decisions/evidence";
import { evidenceSchema } from "@/lib/decisions/evidence-schema";
import { parseNumberParam } from "@/lib/decisions/number-param";
import { route } from "@/lib/http/route";
import { evidenceListResponse, evidenceResponse } from "@/lib/http/responses/decisions";

type P = { number: string };
// Evidence is immutable: there is no PATCH or DELETE. A re-run is attached as a new item.
export const GET = route<undefined, undefined, P, typeof evidenceListResponse>({ response: evidenceListResponse, action: "catalog:read" }, async ({ actor, params }) => ({ items: await listEvidence(actor, parseNumberParam(params.number).number) }));
export const POST = route<typeof evidenceSchema, undefined, P, typeof evidenceResponse>({ response: evidenceResponse, action: "decision:write", body: evidenceSchema }, ({ actor, params, body }) =>
  addEvidence(actor, parseNumberParam(params.number).number, body),
);
