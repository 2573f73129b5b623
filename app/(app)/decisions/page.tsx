import { NotBuiltYet, PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Decisions" };

export default async function DecisionsPage() {
  await requireSession("catalog:read", "/decisions");
  return (
    <>
      <PageHeader title="Decisions" />
      <NotBuiltYet what="Decisions" next="Design-review records (MADR-style) with an approval workflow arrive with the decision-records work." />
    </>
  );
}
