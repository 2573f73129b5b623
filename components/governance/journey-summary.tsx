// The journey's headline numbers: its budget, what the synchronous chain adds up to, and the slack or overrun.
import { plural } from "@/lib/format/plural";
import type { JourneyView } from "@/lib/governance/journeys";
import { formatMs, slackWording } from "./format";
import css from "./governance.module.css";

export function JourneySummary({ journey }: { journey: JourneyView }) {
  const c = journey.composition;
  const slack = slackWording(c.slackMs);
  const asyncSteps = c.steps.length - c.syncHops;
  return (
    <div className={css.stats}>
      <div className="card">
        <div className="stat-label">Journey budget (p99)</div>
        <div className={css.statValue}>{formatMs(c.budgetP99Ms)}</div>
      </div>
      <div className="card">
        <div className="stat-label">Synchronous chain</div>
        <div className={css.statValue}>{formatMs(c.syncTotalMs)}</div>
        <div className="muted">
          {plural(c.syncHops, "synchronous hop")}
          {asyncSteps > 0 && ` · ${asyncSteps} async`}
        </div>
      </div>
      <div className="card">
        <div className="stat-label">{slack.over ? "Overrun" : "Slack"}</div>
        <div className={slack.over ? css.statOver : css.statOk} data-testid="journey-slack" data-over={String(slack.over)}>
          {slack.text}
        </div>
      </div>
    </div>
  );
}
