// The catalog: every integration point, filtered, searched, sorted and paged on the server, with
// the whole view in the URL so it can be shared.
import { pluralNoun } from "@/lib/format/plural";
import Link from "next/link";
import { mayDeclare } from "@/components/catalog/access";
import { CatalogNav } from "@/components/catalog/catalog-nav";
import { CatalogFilters } from "@/components/catalog/list/catalog-filters";
import { CatalogPager } from "@/components/catalog/list/catalog-pager";
import { IntegrationsTable } from "@/components/catalog/list/integrations-table";
import {
  clearFiltersHref,
  currentHref,
  hasFilters,
  listQueryInput,
  readListState,
  sortHref,
  type SearchParams,
} from "@/components/catalog/list/url-state";
import css from "@/components/catalog/catalog.module.css";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { integrationListQuerySchema, listIntegrations } from "@/lib/catalog/integration-list";
import { findingCounts } from "@/lib/governance/findings";
import { filterOptions } from "@/lib/catalog/summary";
import { AppError } from "@/lib/errors";

export const metadata = { title: "Catalog" };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const state = readListState(await searchParams);
  const actor = await requireSession("catalog:read", currentHref(state));
  const canDeclare = mayDeclare(actor);
  const parsed = integrationListQuerySchema.safeParse(listQueryInput(state));
  const [{ teams, services }, findings, page] = await Promise.all([
    filterOptions(actor),
    findingCounts(),
    parsed.success
      ? listIntegrations(actor, parsed.data).catch((err: unknown) => {
          // A hand-edited or stale cursor is the visitor's problem to fix, not a crash.
          if (err instanceof AppError && err.code === "bad_request") return err;
          throw err;
        })
      : null,
  ]);
  const problem = !parsed.success ? parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : page instanceof AppError ? page.message : null;
  const sort = parsed.success ? parsed.data.sort : "key";
  const limit = parsed.success ? parsed.data.limit : 50;
  const filtered = hasFilters(state);

  return (
    <>
      <PageHeader
        title="Catalog"
        description="Integration points between services: their budgets, SLOs, semantics and contracts."
        actions={
          <>
            <Link className="btn" href="/catalog/import">
              Import / export YAML
            </Link>
            {canDeclare && (
              <Link className="btn btn-primary" href="/catalog/new">
                Declare an integration point
              </Link>
            )}
          </>
        }
      />
      <CatalogNav />
      {/* Filters over an empty catalog only get in the way of its call to action. */}
      {(filtered || !page || page instanceof AppError || page.total > 0) && (
        <CatalogFilters
          key={currentHref(state)}
          teams={teams}
          services={services}
          values={state.filters}
          sort={state.sort}
          limit={state.limit}
        />
      )}
      {problem || !page || page instanceof AppError ? (
        <div className="notice notice-danger" role="alert">
          This view&apos;s address is not one the catalog understands ({problem}). <Link href="/catalog">Start over</Link>
        </div>
      ) : page.total === 0 ? (
        filtered ? (
          <div className="card empty" data-testid="catalog-no-match">
            <h2>No integration points match these filters</h2>
            <p>Try a broader search, or remove some filters.</p>
            <Link className="btn" href={clearFiltersHref(state)}>
              Clear filters
            </Link>
          </div>
        ) : (
          <div className="card empty" data-testid="catalog-empty">
            <h2>The catalog has no integration points yet</h2>
            <p>
              Each integration between two services is declared once: who calls whom, how (sync or async), its latency budget, its
              consistency and resilience semantics, and its contract. Everything else in Edgewise builds on these declarations.
            </p>
            {canDeclare ? (
              <Link className="btn btn-primary" href="/catalog/new">
                Declare an integration point
              </Link>
            ) : (
              <p>Ask a member of a service team to declare the integrations their services make.</p>
            )}
          </div>
        )
      ) : (
        <>
          <p className={css.tableMeta} data-testid="catalog-total">
            <span>
              <strong>{page.total.toLocaleString("en")}</strong> {pluralNoun(page.total, "integration point")}
              {filtered ? " match" : ""}
            </span>
            {filtered && <Link href={clearFiltersHref(state)}>Clear filters</Link>}
          </p>
          <IntegrationsTable
            items={page.items}
            sorting={{ sort, hrefFor: (s) => sortHref(state, s) }}
            teamNames={new Map(teams.map((t) => [t.slug, t.name]))}
            findings={findings}
          />
          <CatalogPager state={state} shown={page.items.length} total={page.total} limit={limit} nextCursor={page.nextCursor} />
        </>
      )}
    </>
  );
}
