// The journeys list: each journey's budget against what its synchronous chain adds up to.
import Link from "next/link";
import type { JourneyView } from "@/lib/governance/journeys";
import { CriticalityBadge } from "./badges";
import { formatMs, journeyHref, slackWording, teamHref } from "./format";
import css from "./governance.module.css";

export function JourneysTable({ journeys, teamNames }: { journeys: JourneyView[]; teamNames: Map<string, string> }) {
  return (
    <div className="table-wrap">
      <table aria-label="Journeys">
        <thead>
          <tr>
            <th>Journey</th>
            <th>Owner</th>
            <th>Criticality</th>
            <th className={css.num}>Budget p99</th>
            <th className={css.num}>Sync total</th>
            <th className={css.num}>Slack / overrun</th>
            <th className={css.num}>Steps</th>
          </tr>
        </thead>
        <tbody>
          {journeys.map((j) => {
            const slack = slackWording(j.composition.slackMs);
            const asyncSteps = j.steps.length - j.composition.syncHops;
            return (
              <tr key={j.slug} data-testid={`journey-${j.slug}`} data-kb-row>
                <td className={css.nameCell}>
                  <Link href={journeyHref(j.slug)}>
                    <strong>{j.name}</strong>
                  </Link>
                  <div className="muted mono">{j.slug}</div>
                </td>
                <td>
                  <Link href={teamHref(j.team)}>{teamNames.get(j.team) ?? j.team}</Link>
                </td>
                <td>
                  <CriticalityBadge value={j.criticality} />
                </td>
                <td className={css.num}>{formatMs(j.budgetP99Ms)}</td>
                <td className={css.num}>{formatMs(j.composition.syncTotalMs)}</td>
                <td className={`${css.num} ${slack.over ? css.over : css.slack}`}>{slack.text}</td>
                <td className={css.num}>
                  {j.steps.length}
                  <div className="muted">
                    {j.composition.syncHops} sync{asyncSteps ? ` · ${asyncSteps} async` : ""}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
