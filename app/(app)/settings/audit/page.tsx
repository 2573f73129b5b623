import { AuditLog } from "@/components/admin/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Audit log" };

export default async function Page() {
  await requireSession("settings:manage", "/settings/audit");
  return (
    <>
      <PageHeader title="Audit log" description={<><a href="/settings">← Settings</a> · Who changed what, and when</>} />
      <AuditLog />
    </>
  );
}
