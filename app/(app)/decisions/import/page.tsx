import Link from "next/link";
import { ImportForm } from "@/components/decisions/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Import decision records" };

export default async function ImportDecisionsPage() {
  // Imported records arrive with their status already decided, so importing is for architects.
  await requireSession("decision:review", "/decisions/import");
  return (
    <>
      <PageHeader
        title="Import decision records"
        description={
          <>
            MADR Markdown files, as <a href="/api/decisions/export">exported</a> by Edgewise or written by hand. Records are matched by number:
            importing the same files twice changes nothing. <Link href="/decisions">← Decisions</Link>
          </>
        }
      />
      <ImportForm />
    </>
  );
}
