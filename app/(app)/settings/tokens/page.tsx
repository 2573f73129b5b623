import { TokensAdmin } from "@/components/admin/tokens-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "API tokens" };

export default async function Page() {
  await requireSession("tokens:manage", "/settings/tokens");
  return (
    <>
      <PageHeader title="API tokens" description={<a href="/settings">← Settings</a>} />
      <TokensAdmin />
    </>
  );
}
