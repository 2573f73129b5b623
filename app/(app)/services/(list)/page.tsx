// Services: the nodes of the integration graph, with who owns them and how connected they are.
import { CatalogNav } from "@/components/catalog/catalog-nav";
import { integrationCountsByService } from "@/lib/catalog/edge-counts";
import { ServicesTable } from "@/components/catalog/services-table";
import { PageHeader } from "@/components/ui/page-header";
import { listTeams } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { listServices } from "@/lib/catalog/services";

export const metadata = { title: "Services" };

export default async function ServicesPage() {
  const actor = await requireSession("catalog:read", "/services");
  const [services, teams, counts] = await Promise.all([listServices(actor), listTeams(actor), integrationCountsByService(actor)]);
  return (
    <>
      <PageHeader title="Catalog" description="Services, each owned by one team; integration points connect them." />
      <CatalogNav />
      {services.length === 0 ? (
        <div className="card empty">
          <h2>No services yet</h2>
          <p>
            Services are registered through the API (<code>POST /api/services</code>) or catalog-as-code. Each one needs an owning team.
          </p>
        </div>
      ) : (
        <>
          <p className="muted" style={{ margin: "0 0 .5rem" }}>
            <strong style={{ color: "var(--text)" }}>{services.length}</strong> services across {teams.length} teams. Counts exclude retired
            integration points.
          </p>
          <ServicesTable services={services} teamNames={new Map(teams.map((t) => [t.slug, t.name]))} counts={counts} />
        </>
      )}
    </>
  );
}
