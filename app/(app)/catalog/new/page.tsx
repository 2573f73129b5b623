// Declare a new integration point. ?source= and ?target= prefill the services (links from service pages).
import Link from "next/link";
import { forbidden } from "next/navigation";
import { mayDeclare } from "@/components/catalog/access";
import { integrationFormOptions } from "@/components/catalog/form-options";
import { IntegrationForm } from "@/components/catalog/integration-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Declare an integration point" };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NewIntegrationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  // Not requireSession("catalog:write"): for a member that asks about no team in particular and refuses.
  const actor = await requireSession("catalog:read", "/catalog/new");
  if (!mayDeclare(actor)) forbidden();
  const { services, sourceSlugs } = await integrationFormOptions(actor);
  const source = one(sp.source);
  return (
    <>
      <PageHeader
        title="Declare an integration point"
        description="One caller, one callee, one operation: how they talk, what it may cost, and what happens when it goes wrong."
      />
      {sourceSlugs.length === 0 ? (
        <div className="card empty">
          <h2>You can&apos;t own an integration point yet</h2>
          <p>An integration point belongs to the team that owns its source service, and you are not in a team that owns a service.</p>
          <Link className="btn" href="/catalog">
            Back to the catalog
          </Link>
        </div>
      ) : (
        <IntegrationForm
          services={services}
          sourceSlugs={sourceSlugs}
          prefill={{ sourceService: source && sourceSlugs.includes(source) ? source : undefined, targetService: one(sp.target) }}
        />
      )}
    </>
  );
}
