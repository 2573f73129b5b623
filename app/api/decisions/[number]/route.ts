import { z } from "zod";
import { evidenceOfRecord } from "@/lib/decisions/evidence";
import { madrFileName, toMadr } from "@/lib/decisions/markdown";
import { parseNumberParam } from "@/lib/decisions/number-param";
import { getDecision, updateDecision } from "@/lib/decisions/records";
import { route } from "@/lib/http/route";
import { decisionDetailResponse, decisionResponse } from "@/lib/http/responses/decisions";

type P = { number: string };

/** The record with its timeline and the actions open to the caller; `/api/decisions/12.md` is MADR Markdown. */
export const GET = route<undefined, undefined, P, typeof decisionDetailResponse>({ response: decisionDetailResponse, action: "catalog:read" }, async ({ actor, params }) => {
  const { number, markdown } = parseNumberParam(params.number);
  const detail = await getDecision(actor, number);
  if (!markdown) return detail;
  return new Response(toMadr(detail.record, await evidenceOfRecord(detail.record.id)), {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${madrFileName(number, detail.record.title)}"` },
  });
});

// The raw object goes to the data function: parsing here would fill defaults for omitted fields.
const patch = z.record(z.string(), z.unknown());
export const PATCH = route<typeof patch, undefined, P, typeof decisionResponse>({ response: decisionResponse, action: "decision:write", body: patch }, ({ actor, params, body }) =>
  updateDecision(actor, parseNumberParam(params.number).number, body),
);
