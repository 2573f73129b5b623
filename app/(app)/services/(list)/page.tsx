// Services: the nodes of the integration graph, with who owns them and how connected they are.
// Filtered and paged by the database, so a catalog of 10,000 services renders one page of them.
import Link from "next/link";
import { CatalogNav } from "@/components/catalog/catalog-nav";
import { SERVICE_FILTERS, ServicesFilters, servicesHref } from "@/components/catalog/services-filters";
import { ServicesTable } from "@/components/catalog/services-table";
import { PageHeader } from "@/components/ui/page-header";
import { listTeams } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { integrationCountsByService } from "@/lib/catalog/edge-counts";
import { listServicePage, serviceFacets, serviceListQuerySchema } from "@/lib/catalog/services";
import { plural } from "@/lib/format/plural";

export const metadata = { title: "Services" };

const SERVICES_PAGE_SIZE = 100;

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ServicesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const values = Object.fromEntries(SERVICE_FILTERS.map((k) => [k, one(raw[k])?.trim() || undefined]));
  const parsed = serviceListQuerySchema.safeParse(values);
  const actor = await requireSession("catalog:read", parsed.success ? servicesHref(parsed.data) : "/services");
  const header = (
    <>
      <PageHeader title="Catalog" description="Services, each owned by one team; integration points connect them." />
      <CatalogNav />
    </>
  );
  if (!parsed.success) {
    return (
      <>
        {header}
        <div className="notice notice-danger" role="alert" data-testid="services-bad-address">
          This list&apos;s address has a filter it cannot use ({parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}).{" "}
          <Link href="/services">Show every service</Link>
        </div>
      </>
    );
  }
  const query = parsed.data;
  const filtered = SERVICE_FILTERS.some((k) => query[k]);
  const [teams, facets, range] = await Promise.all([listTeams(actor), serviceFacets(actor), listServicePage(actor, query, Number(one(raw.page) ?? 1), SERVICES_PAGE_SIZE)]);
  const { items } = range;
  const counts = await integrationCountsByService(actor, items.map((s) => s.slug));
  const teamNames = new Map(teams.map((t) => [t.slug, t.name]));

  if (range.total === 0 && !filtered) {
    return (
      <>
        {header}
        <div className="card empty">
          <h2>No services yet</h2>
          <p>
            Services are registered through the API (<code>POST /api/services</code>), catalog-as-code or a Backstage import. Each one needs an owning team.
          </p>
        </div>
      </>
    );
  }
  return (
    <>
      {header}
      <ServicesFilters teams={teams} facets={facets} values={query} />
      <p className="muted" style={{ margin: "0 0 .5rem" }} data-testid="services-meta">
        <strong style={{ color: "var(--text)" }}>{plural(range.total, "service")}</strong>
        {filtered ? " match these filters" : ` across ${plural(teams.length, "team")}`}
        {range.pages > 1 && ` · ${range.from}–${range.to} on this page, ${range.page} of ${range.pages}`}. Counts exclude retired integration points.
      </p>
      {items.length === 0 ? (
        <div className="card empty" data-testid="services-none">
          <h2>No service matches</h2>
          <p>
            <Link href="/services">Clear the filters</Link> to see every service.
          </p>
        </div>
      ) : (
        <ServicesTable services={items} teamNames={teamNames} counts={counts} />
      )}
      {range.pages > 1 && (
        <nav className="muted" aria-label="Pages" data-testid="services-pages" style={{ display: "flex", gap: "1rem", marginTop: ".75rem" }}>
          {range.page > 1 && <Link href={servicesHref(query, range.page - 1)}>← Previous page</Link>}
          {range.page < range.pages && <Link href={servicesHref(query, range.page + 1)}>Next page →</Link>}
        </nav>
      )}
    </>
  );
}
