"use client";
// Active waivers: which rule is silenced for which integration, why, and until when; architects revoke.
import Link from "next/link";
import type { WaiverView } from "@/lib/governance/waivers";
import { formatDate, integrationHref } from "./format";
import css from "./governance.module.css";
import { useActiveWaivers } from "./queries";
import { RevokeWaiver } from "./waiver-controls";

interface Props {
  initial: WaiverView[];
  ruleTitles: Record<string, string>;
  canRevoke: boolean;
}

export function WaiversTable({ initial, ruleTitles, canRevoke }: Props) {
  const { data: waivers } = useActiveWaivers(initial);
  if (waivers.length === 0) {
    return (
      <div className="card empty">
        <h2>No active waivers</h2>
        <p>{canRevoke ? "Grant one from a finding when a deviation is deliberate and has an end date." : "Architects grant waivers for deliberate, time-limited deviations."}</p>
      </div>
    );
  }
  return (
    <div className="table-wrap">
      <table aria-label="Active waivers">
        <thead>
          <tr>
            <th>Rule</th>
            <th>Integration point</th>
            <th>Reason</th>
            <th>Expires</th>
            <th>Granted by</th>
            {canRevoke && <th aria-label="Actions" />}
          </tr>
        </thead>
        <tbody>
          {waivers.map((w) => (
            <tr key={w.id} data-testid="waiver">
              <td>
                {ruleTitles[w.rule] ?? w.rule}
                <div className="muted mono">{w.rule}</div>
              </td>
              <td>
                <Link className={css.key} href={integrationHref(w.integration)}>
                  {w.integration}
                </Link>
              </td>
              <td>
                {w.reason}
                {w.decision != null && <div className="muted">decision #{w.decision}</div>}
              </td>
              <td className={css.num}>{formatDate(w.expiresAt)}</td>
              <td>
                {w.grantedBy}
                <div className="muted">{formatDate(w.createdAt)}</div>
              </td>
              {canRevoke && (
                <td>
                  <RevokeWaiver id={w.id} label={`${w.rule} on ${w.integration}`} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
