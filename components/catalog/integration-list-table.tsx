// A compact table of integration points for service and team pages (the catalog page has the full,
// sortable one). `show` picks which end of each edge is worth a column on that page.
import Link from "next/link";
import type { IntegrationView } from "@/lib/catalog/integrations";
import { DeclarationCells } from "./declaration-cells";
import { KeyText } from "./key-text";
import { integrationHref } from "./labels";
import css from "./catalog.module.css";

type Show = "source" | "target" | "both";

export function IntegrationListTable({ items, show, testId }: { items: IntegrationView[]; show: Show; testId: string }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId} className={css.table}>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">{show === "both" ? "Source → target" : show === "source" ? "From" : "To"}</th>
            <th scope="col">Style</th>
            <th scope="col">Protocol</th>
            <th scope="col">Criticality</th>
            <th scope="col">Lifecycle</th>
            <th scope="col" className={css.num}>p99 budget</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.key} data-testid="integration-row" data-key={i.key} data-kb-row>
              <td className={`${css.wrap} ${css.keyCell}`}>
                <Link href={integrationHref(i.key)} className={css.keyLink}>
                  <KeyText value={i.key} />
                </Link>
              </td>
              <td>
                {show === "both" ? (
                  <span className={css.edge}>
                    <Link href={`/services/${i.sourceService}`}>{i.sourceService}</Link>
                    <span className={css.arrow} aria-label="to">→</span>
                    <Link href={`/services/${i.targetService}`}>{i.targetService}</Link>
                  </span>
                ) : (
                  <Link href={`/services/${show === "source" ? i.sourceService : i.targetService}`}>{show === "source" ? i.sourceService : i.targetService}</Link>
                )}
              </td>
              <DeclarationCells item={i} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A table, an empty line, or a table with a link to the rest in the catalog when the page is cut short. */
export function IntegrationBlock({ title, page, show, testId, moreHref, empty }: { title: string; page: { items: IntegrationView[]; total: number }; show: Show; testId: string; moreHref: string; empty: string }) {
  return (
    <section aria-label={title}>
      <h2>
        {title} <span className="muted">({page.total})</span>
      </h2>
      {page.items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <IntegrationListTable items={page.items} show={show} testId={testId} />
          {page.total > page.items.length && (
            <p>
              Showing {page.items.length} of {page.total}. <Link href={moreHref}>See all in the catalog</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
