// Team scorecards: how much of each team's estate passes the policy rules, the level that earns, and the trend.
import { LevelBadge } from "@/components/governance/badges";
import { GovernanceNav } from "@/components/governance/governance-nav";
import css from "@/components/governance/governance.module.css";
import { ScorecardCard } from "@/components/governance/scorecard-card";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { LEVELS } from "@/lib/governance/scorecard-levels";
import { scorecards } from "@/lib/governance/scorecards";

export const metadata = { title: "Scorecards" };

export default async function ScorecardsPage() {
  const actor = await requireSession("catalog:read", "/scorecards");
  const cards = await scorecards(actor);
  return (
    <>
      <PageHeader title="Scorecards" description="An integration point passes when no open error or warning names it. Waived findings do not count against a team." />
      <GovernanceNav current="/scorecards" />
      <section className="card" aria-labelledby="levels" style={{ marginBottom: "1rem" }}>
        <h2 id="levels" style={{ marginTop: 0 }}>
          Levels
        </h2>
        <ul className={css.levels}>
          {LEVELS.map((l) => (
            <li key={l.level}>
              <LevelBadge value={l.level} />
              <span>{l.requirement}</span>
            </li>
          ))}
        </ul>
      </section>
      {cards.length === 0 ? (
        <div className="card empty">
          <h2>No teams yet</h2>
          <p>Scorecards appear once teams own services with integration points. Admins create teams in Settings.</p>
        </div>
      ) : (
        <div className={css.scoreGrid}>
          {cards.map((c) => (
            <ScorecardCard key={c.team} card={c} />
          ))}
        </div>
      )}
    </>
  );
}
