// Decision records: filtered, searched and sorted on the server, with the whole view in the URL.
import { pluralNoun } from "@/lib/format/plural";
import Link from "next/link";
import { DecisionFilters } from "@/components/decisions/list/decision-filters";
import { DecisionsTable } from "@/components/decisions/list/decisions-table";
import { clearFiltersHref, isFiltered, listHref, readListState, type SearchParams } from "@/components/decisions/list/url-state";
import css from "@/components/decisions/decisions.module.css";
import { PageHeader } from "@/components/ui/page-header";
import { listTeams } from "@/lib/admin/teams";
import { can } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/session";
import { integrationListQuerySchema, listIntegrations } from "@/lib/catalog/integration-list";
import { listDecisions } from "@/lib/decisions/list";
import { decisionListQuerySchema } from "@/lib/decisions/schema";

export const metadata = { title: "Decisions" };

export default async function DecisionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const state = readListState(await searchParams);
  const actor = await requireSession("catalog:read", listHref(state));
  const canWrite = can(actor, "decision:write");
  const reviewer = can(actor, "decision:review");
  const parsed = decisionListQuerySchema.safeParse(state);
  const [items, teams, integrations] = await Promise.all([
    parsed.success ? listDecisions(actor, parsed.data) : null,
    listTeams(actor),
    // Suggestions for the integration filter; the filter itself accepts any key.
    listIntegrations(actor, integrationListQuerySchema.parse({ limit: 200 })),
  ]);
  const filtered = isFiltered(state);
  const newButton = (
    <>
      <a className="btn" href="/api/decisions/export">
        Export all (zip)
      </a>
      {reviewer && (
        <Link className="btn" href="/decisions/import">
          Import
        </Link>
      )}
      {canWrite && (
        <Link className="btn btn-primary" href="/decisions/new">
          New decision
        </Link>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title="Decisions"
        description="Design-review records: why an integration is the way it is, who agreed, and what it costs."
        actions={newButton}
      />
      <DecisionFilters
        key={listHref(state)}
        values={state}
        teams={teams.map((t) => ({ slug: t.slug, name: t.name }))}
        integrationKeys={integrations.items.map((i) => i.key)}
        reviewer={reviewer}
      />
      {!parsed.success || !items ? (
        <div className="notice notice-danger" role="alert">
          This view&apos;s address is not one the decision list understands (
          {parsed.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}). <Link href="/decisions">Start over</Link>
        </div>
      ) : items.length === 0 ? (
        state.awaiting === "me" && Object.keys(state).filter((k) => k !== "sort").length === 1 ? (
          <div className="card empty" data-testid="decisions-inbox-empty">
            <h2>Nothing awaits your review</h2>
            <p>Proposed records by others appear here until you approve or request changes on their latest revision.</p>
            <Link className="btn" href={clearFiltersHref(state)}>
              See all decisions
            </Link>
          </div>
        ) : filtered ? (
          <div className="card empty" data-testid="decisions-no-match">
            <h2>No decisions match these filters</h2>
            <p>Try a broader search, or remove some filters.</p>
            <Link className="btn" href={clearFiltersHref(state)}>
              Clear filters
            </Link>
          </div>
        ) : (
          <div className="card empty" data-testid="decisions-empty">
            <h2>No decisions recorded yet</h2>
            <p>
              A decision record says why an integration is synchronous or asynchronous, why its budget is what it is, and who agreed — so the
              reasoning can be found later. Records are drafted, proposed, reviewed by an architect, and accepted.
            </p>
            {newButton || <p>Ask a member of a service team to draft the first one.</p>}
          </div>
        )
      ) : (
        <>
          <p className={css.meta} data-testid="decisions-total">
            <span>
              <strong>{items.length.toLocaleString("en")}</strong> {pluralNoun(items.length, "decision")}
              {filtered ? ` ${pluralNoun(items.length, "matches", "match")}` : ""}
            </span>
            {filtered && <Link href={clearFiltersHref(state)}>Clear filters</Link>}
          </p>
          <DecisionsTable items={items} />
        </>
      )}
    </>
  );
}
