// Journeys: every critical user journey, its end-to-end budget and whether its synchronous chain fits.
import { plural } from "@/lib/format/plural";
import Link from "next/link";
import { mayCreateJourneys } from "@/components/governance/access";
import { GovernanceNav } from "@/components/governance/governance-nav";
import { JourneysTable } from "@/components/governance/journeys-table";
import { PageHeader } from "@/components/ui/page-header";
import { listTeams } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { listJourneys } from "@/lib/governance/journeys";

export const metadata = { title: "Journeys" };

export default async function JourneysPage() {
  const actor = await requireSession("catalog:read", "/journeys");
  const [journeys, teams] = await Promise.all([listJourneys(actor), listTeams(actor)]);
  const canCreate = mayCreateJourneys(actor);
  const over = journeys.filter((j) => j.composition.slackMs < 0).length;
  return (
    <>
      <PageHeader
        title="Journeys"
        description="Critical user paths: the synchronous steps are what the user waits for, and their p99 budgets must fit the journey's."
        actions={
          canCreate && (
            <Link className="btn btn-primary" href="/journeys/new">
              New journey
            </Link>
          )
        }
      />
      <GovernanceNav current="/journeys" />
      {journeys.length === 0 ? (
        <div className="card empty">
          <h2>No journeys yet</h2>
          <p>
            A journey lists the integration points one user action flows through (for example, <em>place order</em>) and the p99 budget the whole path must meet.
          </p>
          {canCreate ? (
            <Link className="btn btn-primary" href="/journeys/new">
              Define the first journey
            </Link>
          ) : (
            <p>Ask a team member or an architect to define one.</p>
          )}
        </div>
      ) : (
        <>
          <p className="muted" role="status">
            {plural(journeys.length, "journey")}
            {over > 0 ? (
              <>
                {" · "}
                <strong className="field-error" style={{ fontSize: "inherit", fontWeight: 600 }}>
                  {over} over budget
                </strong>
              </>
            ) : (
              " · all within budget"
            )}
          </p>
          <JourneysTable journeys={journeys} teamNames={new Map(teams.map((t) => [t.slug, t.name]))} />
        </>
      )}
    </>
  );
}
