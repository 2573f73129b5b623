// Edit an integration point. Only those who may change it get the form; the write still checks.
import Link from "next/link";
import { forbidden } from "next/navigation";
import { mayWriteFor } from "@/components/catalog/access";
import { integrationFormOptions } from "@/components/catalog/form-options";
import { IntegrationForm } from "@/components/catalog/integration-form";
import { integrationHref } from "@/components/catalog/labels";
import { loadIntegration } from "@/components/catalog/load";
import { PageHeader } from "@/components/ui/page-header";
import { getTeam } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { etagOf } from "@/lib/catalog/integrations";

export const metadata = { title: "Edit integration point" };

export default async function EditIntegrationPage({ params }: { params: Promise<{ key: string }> }) {
  const key = decodeURIComponent((await params).key);
  // Ownership decides, so the session is checked for reading and the owner below (a member's
  // catalog:write without a team would be refused everywhere).
  const actor = await requireSession("catalog:read", `${integrationHref(key)}/edit`);
  const { view, version } = await loadIntegration(actor, key);
  const owner = await getTeam(actor, view.ownerTeam);
  if (!mayWriteFor(actor, owner)) forbidden();
  const { services, sourceSlugs } = await integrationFormOptions(actor);
  return (
    <>
      <PageHeader
        title="Edit integration point"
        description={
          <>
            <Link href={integrationHref(view.key)} className="mono">
              {view.key}
            </Link>{" "}
            · owned by {owner.name}
          </>
        }
      />
      {/* Keyed by version: "Reload latest" after a conflict re-renders with the new version and fresh form state. */}
      <IntegrationForm key={version} services={services} sourceSlugs={sourceSlugs} initial={{ view, etag: etagOf(version) }} />
    </>
  );
}
