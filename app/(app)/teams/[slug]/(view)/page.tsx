// One team: its members, the services it owns and the integration points it owns through them.
import Link from "next/link";
import { CatalogNav } from "@/components/catalog/catalog-nav";
import { IntegrationBlock } from "@/components/catalog/integration-list-table";
import { orNotFound } from "@/components/catalog/load";
import { ServicesTable } from "@/components/catalog/services-table";
import { PageHeader } from "@/components/ui/page-header";
import { getTeam, listTeams } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { integrationListQuerySchema, listIntegrations } from "@/lib/catalog/integration-list";
import { listServices } from "@/lib/catalog/services";
import { ScorecardCard } from "@/components/governance/scorecard-card";
import { scorecards } from "@/lib/governance/scorecards";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: (await params).slug };
}

export default async function TeamPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requireSession("catalog:read", `/teams/${slug}`);
  const team = await orNotFound(getTeam(actor, slug));
  const [services, owned, cards, teams] = await Promise.all([
    listServices(actor, { team: slug }),
    listIntegrations(actor, integrationListQuerySchema.parse({ team: slug, limit: "200" })),
    scorecards(actor),
    listTeams(actor),
  ]);
  // Backstage's group hierarchy: the team this one sits under and the teams under it.
  const parent = team.parent ? teams.find((t) => t.slug === team.parent) : undefined;
  const children = teams.filter((t) => t.parent === slug);
  const scorecard = cards.find((c) => c.team === slug);
  const members = team.members ?? [];
  return (
    <>
      <PageHeader
        title={team.name}
        description={
          <>
            Team · <span className="mono">{team.slug}</span>
            {team.parent && (
              <span data-testid="team-parent">
                {" "}
                · part of <Link href={`/teams/${team.parent}`}>{parent?.name ?? team.parent}</Link>
              </span>
            )}
          </>
        }
      />
      <CatalogNav />
      {scorecard && (
        <div style={{ marginBottom: "1.5rem" }}>
          <ScorecardCard card={scorecard} />
        </div>
      )}
      <section aria-label="Members">
        <h2 style={{ marginTop: 0 }}>
          Members <span className="muted">({members.length})</span>
        </h2>
        {members.length === 0 ? (
          <p className="muted">No members yet. An admin adds them under Settings → Teams.</p>
        ) : (
          <ul className="row" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="team-members">
            {members.map((m) => (
              <li key={m} className="badge mono">
                {m}
              </li>
            ))}
          </ul>
        )}
      </section>
      {children.length > 0 && (
        <section aria-label="Teams within">
          <h2>
            Teams within <span className="muted">({children.length})</span>
          </h2>
          <ul className="row" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="team-children">
            {children.map((c) => (
              <li key={c.slug}>
                <Link className="badge" href={`/teams/${c.slug}`}>
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Services">
        <h2>
          Services <span className="muted">({services.length})</span>
        </h2>
        {services.length === 0 ? (
          <p className="muted">This team owns no services yet.</p>
        ) : (
          <ServicesTable services={services} teamNames={new Map([[team.slug, team.name]])} showTeam={false} />
        )}
      </section>
      <IntegrationBlock
        title="Integration points owned"
        page={owned}
        show="both"
        testId="team-integrations"
        moreHref={`/catalog?team=${slug}`}
        empty="None yet: a team owns the integration points whose source service it owns."
      />
      <p className="muted">
        <Link href={`/catalog?team=${slug}`}>Open this team&apos;s integration points in the catalog</Link> to filter and sort them.
      </p>
    </>
  );
}
