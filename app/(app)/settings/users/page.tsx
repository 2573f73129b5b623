import { UsersAdmin } from "@/components/admin/users-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Users" };

export default async function Page() {
  await requireSession("users:manage", "/settings/users");
  return (
    <>
      <PageHeader title="Users" description={<a href="/settings">← Settings</a>} />
      <UsersAdmin />
    </>
  );
}
