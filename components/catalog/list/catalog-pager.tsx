// Next/Previous for the catalog list. The API pages forward with an opaque cursor; the URL keeps
// the cursors already visited, so Previous is a plain link that survives sharing and reloads.
import Link from "next/link";
import css from "../catalog.module.css";
import { nextHref, previousHref, type ListState } from "./url-state";

export function CatalogPager({ state, shown, total, limit, nextCursor }: { state: ListState; shown: number; total: number; limit: number; nextCursor: string | null }) {
  const previous = previousHref(state);
  if (!previous && !nextCursor) return null;
  const from = state.previous.length * limit + 1;
  return (
    <nav className={css.pager} aria-label="Pages">
      <span className="muted">
        {from.toLocaleString("en")}–{(from + shown - 1).toLocaleString("en")} of {total.toLocaleString("en")}
      </span>
      <span className={css.pagerLinks}>
        {previous ? (
          <Link className="btn btn-sm" href={previous} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className={`btn btn-sm ${css.disabledLink}`} aria-disabled="true">
            ← Previous
          </span>
        )}
        {nextCursor ? (
          <Link className="btn btn-sm" href={nextHref(state, nextCursor)} rel="next">
            Next →
          </Link>
        ) : (
          <span className={`btn btn-sm ${css.disabledLink}`} aria-disabled="true">
            Next →
          </span>
        )}
      </span>
    </nav>
  );
}
