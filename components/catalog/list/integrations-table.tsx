// The catalog table: one row per integration point, with sortable headers that are plain links.
import Link from "next/link";
import type { IntegrationView } from "@/lib/catalog/integrations";
import { StatusLabel } from "../badges";
import { DeclarationCells } from "../declaration-cells";
import { KeyText } from "../key-text";
import { integrationHref } from "../labels";
import css from "../catalog.module.css";
import { plural } from "@/lib/format/plural";

export interface SortableHeaders {
  /** The current sort, e.g. "key" or "-p99". */
  sort: string;
  hrefFor: (sort: string) => string;
}

function SortLink({ label, column, sorting }: { label: string; column: string; sorting: SortableHeaders }) {
  const current = sorting.sort.replace(/^-/, "") === column;
  const descending = sorting.sort.startsWith("-");
  const next = current && !descending ? `-${column}` : column;
  return (
    <Link href={sorting.hrefFor(next)} className={`${css.sortLink} ${current ? css.sortActive : ""}`} title={`Sort by ${label.toLowerCase()}`}>
      {label}
      <span aria-hidden>{current ? (descending ? "▼" : "▲") : ""}</span>
    </Link>
  );
}

function ariaSort(sorting: SortableHeaders, ...columns: string[]): "ascending" | "descending" | undefined {
  if (!columns.includes(sorting.sort.replace(/^-/, ""))) return undefined;
  return sorting.sort.startsWith("-") ? "descending" : "ascending";
}

function SortHeader({ label, column, sorting, className }: { label: string; column: string; sorting: SortableHeaders; className?: string }) {
  return (
    <th aria-sort={ariaSort(sorting, column)} className={className} scope="col">
      <SortLink label={label} column={column} sorting={sorting} />
    </th>
  );
}

type Counts = Map<string, { error: number; warning: number }>;

/** Open findings as one small badge: errors win the colour, the title says both counts. */
function FindingsBadge({ integrationKey, counts }: { integrationKey: string; counts: Counts }) {
  const c = counts.get(integrationKey);
  if (!c) return <span className="muted">none</span>;
  return (
    <Link href={`${integrationHref(integrationKey)}?tab=findings`} className={`badge severity-${c.error ? "error" : "warning"}`} title={`${plural(c.error, "error")}, ${plural(c.warning, "warning")}`} data-testid="findings-badge">
      {c.error + c.warning}
    </Link>
  );
}

export function IntegrationsTable({ items, sorting, teamNames, findings }: { items: IntegrationView[]; sorting: SortableHeaders; teamNames: Map<string, string>; findings: Counts }) {
  return (
    <div className="table-wrap">
      <table data-testid="integrations-table" className={css.table}>
        <thead>
          <tr>
            <SortHeader label="Key" column="key" sorting={sorting} />
            <th scope="col" aria-sort={ariaSort(sorting, "source", "target")}>
              <span className={css.edge}>
                <SortLink label="Source" column="source" sorting={sorting} />
                <span className={css.arrow}>→</span>
                <SortLink label="Target" column="target" sorting={sorting} />
              </span>
            </th>
            <SortHeader label="Style" column="style" sorting={sorting} />
            <SortHeader label="Protocol" column="protocol" sorting={sorting} />
            <SortHeader label="Criticality" column="criticality" sorting={sorting} />
            <SortHeader label="Lifecycle" column="lifecycle" sorting={sorting} />
            <SortHeader label="p99 budget" column="p99" sorting={sorting} className={css.num} />
            <SortHeader label="Team" column="team" sorting={sorting} />
            <th scope="col">Findings</th>
            <th scope="col">Status</th>
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
              <td className={css.edgeCell}>
                <span className={css.edge}>
                  <Link href={`/services/${i.sourceService}`}>{i.sourceService}</Link>
                  <span className={css.arrow} aria-label="to">→</span>
                  <Link href={`/services/${i.targetService}`}>{i.targetService}</Link>
                </span>
              </td>
              <DeclarationCells item={i} />
              <td>
                <Link href={`/teams/${i.ownerTeam}`}>{teamNames.get(i.ownerTeam) ?? i.ownerTeam}</Link>
              </td>
              <td>
                <FindingsBadge integrationKey={i.key} counts={findings} />
              </td>
              <td>
                <StatusLabel value={i.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
