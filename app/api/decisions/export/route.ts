import { exportAll } from "@/lib/decisions/import-export";
import { route } from "@/lib/http/route";

/** Every decision record as MADR Markdown, one file per record, in a zip. */
export const GET = route({ action: "catalog:read" }, async ({ actor }) => {
  const zip = await exportAll(actor);
  return new Response(Buffer.from(zip), { headers: { "Content-Type": "application/zip", "Content-Disposition": 'attachment; filename="decisions.zip"' } });
});
