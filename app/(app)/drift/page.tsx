// The drift board: every live integration point ranked by how far its p99 has moved from its
// baseline, or by how soon it would cross its budget at the current trend. The view is in the URL.
import { pageOf } from "@/lib/format/page-of";
import { plural } from "@/lib/format/plural";
import Link from "next/link";
import { DriftControls } from "@/components/drift/drift-controls";
import { driftHref } from "@/components/drift/drift-href";
import { DriftTable, SilentTable } from "@/components/drift/drift-table";
import css from "@/components/drift/drift.module.css";
import { PageHeader } from "@/components/ui/page-header";
import { listTeams } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { BASELINE_DAYS, driftBoard, driftQuerySchema, RECENT_DAYS } from "@/lib/slo/drift-board";

export const metadata = { title: "Drift" };

/** Rows a page: a big estate's board renders a page of its ranking, not thousands of sparklines. */
const DRIFT_PAGE_SIZE = 100;

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DriftPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const input = { sort: one(raw.sort), team: one(raw.team) || undefined };
  const parsed = driftQuerySchema.safeParse(input);
  const actor = await requireSession("catalog:read", parsed.success ? driftHref({ sort: parsed.data.sort, team: parsed.data.team }) : "/drift");
  const header = (
    <PageHeader
      title="Drift"
      description={`Each integration point's p99 over the last ${RECENT_DAYS} days and 24 hours against its ${BASELINE_DAYS}-day baseline, the trend of its daily p99, and when it would cross its budget.`}
    />
  );
  if (!parsed.success) {
    return (
      <>
        {header}
        <div className="notice notice-danger" role="alert" data-testid="drift-bad-address">
          This view&apos;s address is not one the drift board understands ({parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}).{" "}
          <Link href="/drift">Start over</Link>
        </div>
      </>
    );
  }
  const { sort, team } = parsed.data;
  const [teams, board] = await Promise.all([listTeams(actor), driftBoard(actor, { sort, team })]);
  // Silent integration points get a section of their own: their figures describe the past, not a drift.
  const silent = board.items.filter((r) => r.silentSince !== null);
  const observed = board.items.filter((r) => r.silentSince === null && r.daily.some((d) => d.count > 0));
  const unobserved = board.items.length - observed.length - silent.length;
  const teamName = teams.find((t) => t.slug === team)?.name ?? team;
  const shown = pageOf(observed, Number(one(raw.page) ?? 1), DRIFT_PAGE_SIZE);
  const silentShown = silent.slice(0, DRIFT_PAGE_SIZE);

  return (
    <>
      {header}
      {board.items.length === 0 && !team ? (
        <div className="card empty" data-testid="drift-empty">
          <h2>No integration points yet</h2>
          <p>Drift is measured per declared integration point. Declare the integrations between your services first.</p>
          <Link className="btn btn-primary" href="/catalog">
            Go to the catalog
          </Link>
        </div>
      ) : (
        <>
          <DriftControls sort={sort} team={team} teams={teams.map((t) => ({ slug: t.slug, name: t.name }))} />
          {team && board.items.length === 0 ? (
            <div className="card empty" data-testid="drift-empty">
              <h2>{teamName} owns no live integration points</h2>
              <p>The board counts an integration point for the team that owns its calling service.</p>
              <Link className="btn" href={driftHref({ sort, team: undefined })}>
                Show all teams
              </Link>
            </div>
          ) : observed.length === 0 && silent.length === 0 ? (
            <div className="card empty" data-testid="drift-empty">
              <h2>No telemetry yet{team ? ` for ${teamName}` : ""}</h2>
              <p>
                Drift needs latency from production: send OpenTelemetry spans (or metrics) to Edgewise, and each integration point&apos;s daily p99 appears
                here from the first day. A trend and a projected breach follow after a week.
              </p>
              <Link className="btn btn-primary" href="/settings/telemetry">
                Settings → Telemetry
              </Link>
            </div>
          ) : (
            <>
              <p className={css.meta} data-testid="drift-meta">
                {plural(observed.length, "integration point")} with telemetry
                {sort === "drift" ? ", largest rise of p99 first" : ", over budget first, then the soonest projected breach"}
                {silent.length > 0 && ` · ${silent.length} silent`}
                {unobserved > 0 && ` · ${unobserved} without any calls in the last ${BASELINE_DAYS + RECENT_DAYS} days`}
                {shown.pages > 1 && ` · ${shown.from}–${shown.to} on this page, ${shown.page} of ${shown.pages}`}
              </p>
              {observed.length > 0 && <DriftTable items={shown.items} />}
              {shown.pages > 1 && (
                <nav className={css.meta} aria-label="Pages" data-testid="drift-pages" style={{ display: "flex", gap: "1rem" }}>
                  {shown.page > 1 && <Link href={driftHref({ sort, team, page: shown.page - 1 })}>← Previous page</Link>}
                  {shown.page < shown.pages && <Link href={driftHref({ sort, team, page: shown.page + 1 })}>Next page →</Link>}
                </nav>
              )}
              {silent.length > 0 && (
                <section aria-labelledby="drift-silent-title" style={{ marginTop: "1.5rem" }}>
                  <h2 id="drift-silent-title">Silent</h2>
                  <p className={css.meta}>
                    These had calls once and none lately, so there is no recent p99 to compare: silence is not health. Check that the caller still makes the call
                    and that its telemetry reaches Edgewise.
                  </p>
                  <SilentTable items={silentShown} />
                  {silent.length > silentShown.length && (
                    <p className={css.meta}>
                      And {silent.length - silentShown.length} more: <Link href="/catalog?status=silent">the catalog lists every silent integration point</Link>.
                    </p>
                  )}
                </section>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}
