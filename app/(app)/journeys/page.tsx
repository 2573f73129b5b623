import { NotBuiltYet, PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Journeys" };

export default async function JourneysPage() {
  await requireSession("catalog:read", "/journeys");
  return (
    <>
      <PageHeader title="Journeys" />
      <NotBuiltYet what="Journeys" next="Critical user journeys with end-to-end latency budgets and their synchronous chains arrive with the governance work." />
    </>
  );
}
