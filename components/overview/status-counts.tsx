// Integration points by health status; each count opens the catalog filtered to exactly those.
import Link from "next/link";
import { statusLabels } from "@/components/catalog/badges";
import { integrationStatuses, type IntegrationStatus } from "@/lib/catalog/integration-statuses";
import css from "./overview.module.css";

const HINTS: Record<IntegrationStatus, string> = {
  ok: "p99 and error budget within their SLOs",
  warning: "near the budget, burning, or drifting toward it",
  breaching: "over the p99 budget, budget spent, or paging",
  "no-data": "no telemetry has ever arrived",
  silent: "had traffic, none lately",
};

export function StatusCounts({ byStatus }: { byStatus: Record<IntegrationStatus, number> }) {
  return (
    <nav className={css.statusGrid} aria-label="Integration points by status" data-testid="status-counts">
      {integrationStatuses.map((s) => (
        <Link key={s} href={`/catalog?status=${s}`} className={`card ${css.statusCard}`} data-testid={`status-count-${s}`} title={HINTS[s]}>
          <div className={`${css.statusValue} ${byStatus[s] ? (css[`tone-${s}`] ?? "") : ""}`} data-testid="status-count-value">
            {byStatus[s].toLocaleString("en")}
          </div>
          <div className="stat-label">{statusLabels[s]}</div>
        </Link>
      ))}
    </nav>
  );
}
