// The overview: estate health at a glance, server-rendered; every number links to the list behind it.
import Link from "next/link";
import { Suspense } from "react";
import { SeverityCounts } from "@/components/governance/severity-counts";
import { AnnotationsPanel, BurningPanel, DecisionsPanel, DriftPanel, EdgesPanel, SilentPanel } from "@/components/overview/overview-panels";
import { OverviewSkeleton } from "@/components/overview/overview-skeleton";
import { StatusCounts } from "@/components/overview/status-counts";
import css from "@/components/overview/overview.module.css";
import { PageHeader } from "@/components/ui/page-header";
import { LocalTime } from "@/components/ui/time-zone";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/session";
import { estateSummary } from "@/lib/catalog/summary";
import { estateOverview } from "@/lib/overview/estate-overview";

export const metadata = { title: "Overview" };

async function Estate({ actor }: { actor: Actor }) {
  const loaded = await Promise.all([estateSummary(actor), estateOverview(actor)]).catch((err: unknown) => {
    console.error("Overview failed:", err);
    return null;
  });
  if (!loaded) {
    return (
      <div className="notice notice-danger" role="alert" data-testid="overview-error">
        The overview could not be computed just now (the database may be busy or unreachable). <Link href="/">Try again</Link>, or open the{" "}
        <Link href="/catalog">catalog</Link> directly.
      </div>
    );
  }
  const [summary, overview] = loaded;
  const stats = [
    { label: "Integration points", value: summary.integrations, href: "/catalog" },
    { label: "Services", value: summary.services, href: "/services" },
    // Readable by every role: Settings → Teams is for admins, and would answer a member with 403.
    { label: "Teams", value: summary.teams, href: "/teams" },
    { label: "Your teams", value: summary.yourTeams.length, href: summary.yourTeams.length === 1 ? `/teams/${summary.yourTeams[0]!.slug}` : "/teams?mine=1" },
  ];
  return (
    <>
      <div className={css.summaryRow}>
        {stats.map((s) => (
          <Link key={s.label} href={s.href}>
            <span className={css.summaryValue} data-testid={`stat-${s.label.toLowerCase().replace(/\s+/g, "-")}`}>
              {s.value}
            </span>
            <span className="stat-label">{s.label}</span>
          </Link>
        ))}
      </div>
      {summary.integrations === 0 ? (
        <div className="card empty" data-testid="overview-empty-catalog">
          <h2>No integration points yet</h2>
          <p>Declare the integrations between your services — who calls whom, sync or async, and the latency budget — and their health shows up here.</p>
          {can(actor, "catalog:write") ? (
            <Link className="btn btn-primary" href="/catalog/new">
              Declare an integration point
            </Link>
          ) : (
            <p>Ask a member of a service team to declare the integrations their services make.</p>
          )}
        </div>
      ) : (
        <>
          {!overview.hasTelemetry && (
            <div className="notice" data-testid="overview-no-telemetry" style={{ marginBottom: "1rem" }}>
              No telemetry yet, so there is nothing to hold the budgets against. <Link href="/settings/telemetry">Send some</Link>: point an
              OpenTelemetry SDK or Collector at Edgewise.
            </div>
          )}
          <h2>Integration points by status</h2>
          <StatusCounts byStatus={overview.byStatus} />
          <p className={css.meta}>
            {overview.healthComputedAt ? (
              <>
                Health computed <LocalTime at={overview.healthComputedAt} /> from the last 24 h, the SLO windows and the burn rates.
              </>
            ) : (
              "Health not computed yet."
            )}
          </p>
        </>
      )}
      <div className={css.panels}>
        <BurningPanel items={overview.burning} />
        <DriftPanel items={overview.drifting} />
        <SilentPanel silent={overview.silent} />
        <section className="card" data-testid="overview-findings" aria-labelledby="overview-findings-title">
          <h2 className={css.panelTitle} id="overview-findings-title">
            <span>Open policy findings</span>
            <Link href="/findings">Findings →</Link>
          </h2>
          <SeverityCounts counts={overview.findings} query={{}} />
        </section>
        <EdgesPanel edges={overview.observedEdges} />
        <DecisionsPanel decisions={overview.decisions} />
        <AnnotationsPanel items={overview.annotations} />
      </div>
    </>
  );
}

export default async function OverviewPage() {
  const actor = await requireSession("catalog:read", "/");
  return (
    <>
      <PageHeader title="Overview" description="Estate health at a glance: what is breaching, burning, drifting or undeclared." />
      <Suspense fallback={<OverviewSkeleton />}>
        <Estate actor={actor} />
      </Suspense>
    </>
  );
}
