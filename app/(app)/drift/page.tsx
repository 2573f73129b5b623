import { NotBuiltYet, PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Drift" };

export default async function DriftPage() {
  await requireSession("catalog:read", "/drift");
  return (
    <>
      <PageHeader title="Drift" />
      <NotBuiltYet what="Drift" next="Latency drift against declared budgets needs telemetry ingestion and the SLO engine, which come later." />
    </>
  );
}
