import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { estateSummary } from "@/lib/catalog/summary";
import { requireSession } from "@/lib/auth/session";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requireSession("catalog:read", "/");
  const summary = await estateSummary(actor);
  const stats = [
    { label: "Integration points", value: summary.integrations, href: "/catalog" },
    { label: "Services", value: summary.services, href: "/services" },
    { label: "Teams", value: summary.teams, href: "/settings/teams" },
    { label: "Your teams", value: summary.yourTeams.length, href: "/settings" },
  ];
  return (
    <>
      <PageHeader title="Overview" description="The integration estate at a glance." />
      <div className="grid-cards">
        {stats.map((s) => (
          <Link key={s.label} href={s.href} className="card" style={{ color: "inherit" }}>
            <div className="stat" data-testid={`stat-${s.label.toLowerCase().replace(/\s+/g, "-")}`}>{s.value}</div>
            <div className="stat-label">{s.label}</div>
          </Link>
        ))}
      </div>
      {summary.styles.length > 0 && (
        <>
          <h2>By style</h2>
          <div className="row" data-testid="styles-breakdown">
            {summary.styles.map((s) => (
              <Link key={s.style} className="badge" href={`/catalog?style=${s.style}`}>
                {s.style} · {s.count}
              </Link>
            ))}
          </div>
        </>
      )}
      <h2>What comes next</h2>
      <div className="notice">
        SLO burn, latency drift and policy findings appear here once telemetry flows in; those parts of Edgewise are not built
        yet. Today you can declare and browse integration points in the <Link href="/catalog">Catalog</Link>.
      </div>
    </>
  );
}
