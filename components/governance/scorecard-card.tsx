// One team's scorecard: its level, the share of its integration points passing, and the trend.
import { plural } from "@/lib/format/plural";
import Link from "next/link";
import type { Scorecard } from "@/lib/governance/scorecards";
import { LEVELS } from "@/lib/governance/scorecard-levels";
import { LevelBadge } from "./badges";
import { teamHref } from "./format";
import css from "./governance.module.css";
import { TrendChart } from "./trend-chart";

/** What the team's level means, or what the first level would take. */
function levelExplanation(level: Scorecard["level"]): string {
  // The levels card on the page spells bronze out; each team card only says what stands in the way.
  if (level === "none") return "Not yet bronze: foundation rules (timeouts, idempotent retries and deliveries) still have open findings.";
  return LEVELS.find((l) => l.level === level)?.requirement ?? "";
}

export function ScorecardCard({ card }: { card: Scorecard }) {
  const explanation = levelExplanation(card.level);
  return (
    <section className="card" aria-labelledby={`team-${card.team}`} data-testid={`scorecard-${card.team}`}>
      <div className={css.scoreHead}>
        <h2 id={`team-${card.team}`}>
          <Link href={teamHref(card.team)}>{card.teamName}</Link>
        </h2>
        <LevelBadge value={card.level} title={explanation} />
      </div>
      <p className="field-hint" style={{ margin: 0 }}>
        {explanation}
      </p>
      <div>
        <div className="row" style={{ justifyContent: "space-between" }}>
          <strong>{card.passingPercent}% passing</strong>
          <span className="muted">
            {card.passing} of {plural(card.total, "integration point")}
          </span>
        </div>
        <div className={css.bar} role="progressbar" aria-label={`${card.teamName} integration points passing`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={card.passingPercent}>
          <div className={css.barFill} style={{ width: `${card.passingPercent}%` }} />
        </div>
      </div>
      <div className={css.countsRow}>
        <span>
          <strong style={{ color: card.counts.error ? "var(--danger)" : undefined }}>{card.counts.error}</strong> errors
        </span>
        <span>
          <strong style={{ color: card.counts.warning ? "var(--warning)" : undefined }}>{card.counts.warning}</strong> warnings
        </span>
        <span>
          <strong>{card.counts.info}</strong> info
        </span>
        <span>
          <strong>{card.counts.waived}</strong> waived
        </span>
        <span className="spacer" />
        <Link href={`/findings?team=${encodeURIComponent(card.team)}`}>Findings →</Link>
      </div>
      <TrendChart trend={card.trend} team={card.teamName} />
    </section>
  );
}
