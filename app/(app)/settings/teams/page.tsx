import { TeamsAdmin } from "@/components/admin/teams-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Teams" };

export default async function Page() {
  await requireSession("teams:manage", "/settings/teams");
  return (
    <>
      <PageHeader title="Teams" description={<a href="/settings">← Settings</a>} />
      <TeamsAdmin />
    </>
  );
}
