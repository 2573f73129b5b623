import { toMadr } from "@/lib/decisions/markdown";
import { parseNumberParam } from "@/lib/decisions/number-param";
import { getDecision, updateDecision } from "@/lib/decisions/records";
import { decisionUpdateSchema } from "@/lib/decisions/schema";
import { formatNumber } from "@/lib/decisions/workflow";
import { route } from "@/lib/http/route";

type P = { number: string };

/** The record with its timeline and the actions open to the caller; `/api/decisions/12.md` is MADR Markdown. */
export const GET = route<undefined, undefined, P>({ action: "catalog:read" }, async ({ actor, params }) => {
  const { number, markdown } = parseNumberParam(params.number);
  const detail = await getDecision(actor, number);
  if (!markdown) return detail;
  return new Response(toMadr(detail.record), {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="${formatNumber(number).toLowerCase()}.md"` },
  });
});

export const PATCH = route<typeof decisionUpdateSchema, undefined, P>({ action: "decision:write", body: decisionUpdateSchema }, ({ actor, params, body }) =>
  updateDecision(actor, parseNumberParam(params.number).number, body),
);
