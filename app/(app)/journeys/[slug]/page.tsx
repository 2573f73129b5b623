// One journey: its budget, the waterfall of its synchronous steps, the async lane, and its findings.
import Link from "next/link";
import { mayGrantWaivers, mayWriteFor } from "@/components/governance/access";
import { CriticalityBadge } from "@/components/governance/badges";
import { BudgetWaterfall } from "@/components/governance/budget-waterfall";
import { FindingGroups } from "@/components/governance/finding-list";
import { journeyHref, teamHref } from "@/components/governance/format";
import css from "@/components/governance/governance.module.css";
import { JourneySummary } from "@/components/governance/journey-summary";
import { AsyncLane, CriticalPathTable } from "@/components/governance/journey-steps";
import { orNotFound } from "@/components/ui/or-not-found";
import { MarkdownText } from "@/components/governance/markdown-text";
import { listTeams } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { listFindings } from "@/lib/governance/findings";
import { getJourney } from "@/lib/governance/journeys";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Journey ${(await params).slug}` };
}

export default async function JourneyPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requireSession("catalog:read", journeyHref(slug));
  const journey = await orNotFound(getJourney(actor, slug));
  const [findings, teams] = await Promise.all([listFindings(actor, {}), listTeams(actor)]);
  const team = teams.find((t) => t.slug === journey.team);
  // The journey's own findings and those of its steps: one evaluation, filtered here, rather than one per step.
  const steps = new Set(journey.steps);
  const relevant = findings.items.filter((f) => f.journey === slug || (f.integration != null && steps.has(f.integration)));
  const waived = relevant.filter((f) => f.waived).length;
  const hasSync = journey.composition.syncHops > 0;

  return (
    <>
      <div className="page-header">
        <div style={{ minWidth: 0 }}>
          <p className="muted" style={{ margin: "0 0 .25rem" }}>
            <Link href="/journeys">Journeys</Link> / journey
          </p>
          <h1 data-testid="journey-name">{journey.name}</h1>
          <div className={css.meta}>
            <span className="mono">{journey.slug}</span>
            <span>·</span>
            <span>
              owned by <Link href={teamHref(journey.team)}>{team?.name ?? journey.team}</Link>
            </span>
            <CriticalityBadge value={journey.criticality} />
          </div>
        </div>
        <div className="row">
          <Link className="btn btn-primary" href={`${journeyHref(slug)}/what-if`} data-testid="what-if-link">
            What if…
          </Link>
          {mayWriteFor(actor, team) && (
            <Link className="btn" href={`${journeyHref(slug)}/edit`}>
              Edit journey
            </Link>
          )}
        </div>
      </div>
      {journey.description && <MarkdownText>{journey.description}</MarkdownText>}

      <JourneySummary journey={journey} />

      <section className="card" aria-labelledby="composition">
        <div className={css.chartHead}>
          <h2 id="composition">Budget composition</h2>
          <span className="field-hint">Observed p99 arrives with telemetry</span>
        </div>
        {hasSync ? (
          <>
            <div className={css.legend} aria-hidden>
              <span>
                <span className={css.swatchWithin} />
                p99 budget within the journey budget
              </span>
              <span>
                <span className={css.swatchOver} />
                past the journey budget
              </span>
              <span>
                <span className={css.swatchBudget} />
                journey budget
              </span>
            </div>
            <BudgetWaterfall composition={journey.composition} />
          </>
        ) : (
          <p className="muted">No synchronous steps: nothing here makes the user wait, so the whole budget is slack.</p>
        )}
        <AsyncLane journey={journey} />
      </section>

      {hasSync && (
        <>
          <h2>Critical path</h2>
          <CriticalPathTable journey={journey} />
        </>
      )}

      <h2 id="findings">
        Findings{" "}
        <span className="muted" style={{ fontWeight: 400 }}>
          {relevant.length - waived} open{waived ? ` · ${waived} waived` : ""}
        </span>
      </h2>
      {relevant.length === 0 ? (
        <div className="card empty">
          <h2>No findings</h2>
          <p>The journey and every one of its steps pass the enabled policy rules.</p>
        </div>
      ) : (
        <FindingGroups findings={relevant} canGrant={mayGrantWaivers(actor)} currentJourney={slug} />
      )}
    </>
  );
}
