// The decision list: one row per record, newest first unless the URL says otherwise.
import Link from "next/link";
import type { DecisionView } from "@/lib/decisions/records";
import { decisionHref, formatDate, formatDateTime } from "../labels";
import { StatusBadge } from "../status-badge";
import css from "../decisions.module.css";

export function DecisionsTable({ items }: { items: DecisionView[] }) {
  return (
    <div className="table-wrap">
      <table className={css.table}>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col" className={css.hideNarrow}>
              Author
            </th>
            <th scope="col" className={`${css.count} ${css.hideNarrow}`} title="Linked integration points">
              Integrations
            </th>
            <th scope="col" className={css.hideNarrow}>
              Tags
            </th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.number} data-testid="decision-row" data-number={d.number} data-status={d.status} data-kb-row>
              <td className={`${css.numberCell} mono`}>{d.label}</td>
              <td className={css.titleCell}>
                <Link href={decisionHref(d.number)}>{d.title}</Link>
              </td>
              <td>
                <StatusBadge status={d.status} />
              </td>
              <td className={css.hideNarrow}>{d.author}</td>
              <td className={`${css.count} ${css.hideNarrow}`} title={d.integrations.join("\n") || "No linked integration points"}>
                <span className="sr-only">Linked integration points: </span>
                {d.integrations.length}
              </td>
              <td className={`${css.hideNarrow} ${css.tagsCell}`}>
                {d.tags.length > 0 ? (
                  <ul className={css.tags}>
                    {d.tags.map((t) => (
                      <li key={t}>
                        <Link className="badge" href={`/decisions?tag=${encodeURIComponent(t)}`}>
                          {t}
                        </Link>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className={css.nowrap}>
                <time dateTime={d.updatedAt} title={formatDateTime(d.updatedAt)} className="muted">
                  {formatDate(d.updatedAt)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
