import { auditCsv, auditFilterSchema } from "@/lib/audit-log";
import { route } from "@/lib/http/route";

/** The filtered audit log as CSV (formula-looking cells are prefixed with ' so spreadsheets show, not run, them). */
export const GET = route({ action: "settings:manage", query: auditFilterSchema }, async ({ actor, query }) => {
  const rows = auditCsv(actor, query);
  const first = await rows.next(); // authorization and the first query fail here, as a JSON error, before any byte is sent
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="edgewise-audit-${stamp}.csv"`, "Cache-Control": "no-store" },
  });
});
