// Findings as a list: severity, what is wrong, how to fix it, and whether (and why) it is waived.
import Link from "next/link";
import type { FindingView } from "@/lib/governance/findings";
import type { Severity } from "@/lib/governance/rule-types";
import { SeverityBadge } from "./badges";
import { formatDate, integrationHref, journeyHref } from "./format";
import css from "./governance.module.css";
import { GrantWaiver, RevokeWaiver } from "./waiver-controls";

interface ItemProps {
  finding: FindingView;
  canGrant: boolean;
  /** The journey whose page this is: links to it would point to the page itself. */
  currentJourney?: string;
  /** A tick box to choose the finding for a bulk waiver (grouped findings page, architects). */
  selection?: { checked: boolean; onToggle: () => void };
}

export function FindingItem({ finding: f, canGrant, currentJourney, selection }: ItemProps) {
  const label = `${f.rule} on ${f.integration ?? f.journey ?? "estate"}`;
  return (
    <li className={css.finding} data-testid="finding" data-rule={f.rule} data-waived={String(f.waived)} data-severity={f.severity} data-kb-row>
      <div className={css.findingHead}>
        {selection && <input type="checkbox" checked={selection.checked} onChange={selection.onToggle} aria-label={`Select ${label}`} />}
        <SeverityBadge value={f.severity} />
        <span className={css.findingTitle}>{f.title}</span>
        {f.waived && <span className="badge">Waived</span>}
        <span className="spacer" />
        {f.integration && (
          <Link href={integrationHref(f.integration)} className={css.key}>
            {f.integration}
          </Link>
        )}
        {f.journey && f.journey !== currentJourney && (
          <Link href={journeyHref(f.journey)}>journey {f.journey}</Link>
        )}
      </div>
      <p className={`${css.findingMessage} ${f.waived ? css.waivedText : ""}`}>{f.message}</p>
      {f.waived && f.waiver && (
        <p className={css.waivedNote} data-testid="waiver-note">
          Waived until {formatDate(f.waiver.expiresAt)}: {f.waiver.reason}
          {f.waiver.decision != null && <span className="muted"> (decision #{f.waiver.decision})</span>}
        </p>
      )}
      <div className={css.findingFoot}>
        <p className={css.remediation}>
          <strong>Fix:</strong> {f.remediation}
        </p>
        {canGrant &&
          (f.waived && f.waiver ? (
            <RevokeWaiver id={f.waiver.id} label={label} />
          ) : f.integration ? (
            <GrantWaiver rule={f.rule} integration={f.integration} />
          ) : (
            // Waivers name one integration point; a journey-wide finding is fixed in the journey itself.
            <span className="field-hint">Journey findings are fixed in the journey, not waived.</span>
          ))}
      </div>
    </li>
  );
}

const ORDER: Severity[] = ["error", "warning", "info"];
const GROUP_TITLES: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "Info" };

/** Open findings before waived ones, so what needs work reads first. */
const openFirst = (a: FindingView, b: FindingView) => Number(a.waived) - Number(b.waived);

export function FindingGroups({ findings, canGrant, currentJourney }: { findings: FindingView[]; canGrant: boolean; currentJourney?: string }) {
  return (
    <>
      {ORDER.map((severity) => {
        const items = findings.map((f, i) => ({ f, i })).filter(({ f }) => f.severity === severity);
        if (!items.length) return null;
        const waived = items.filter(({ f }) => f.waived).length;
        items.sort((a, b) => openFirst(a.f, b.f) || a.i - b.i);
        return (
          <section key={severity} className={css.group} aria-labelledby={`group-${severity}`}>
            <h3 id={`group-${severity}`} className={css.groupTitle}>
              {GROUP_TITLES[severity]} <span className="muted">{items.length - waived} open{waived ? ` · ${waived} waived` : ""}</span>
            </h3>
            <ul className={css.findings}>
              {items.map(({ f, i }) => (
                // Findings have no id; one rule may report twice on one integration, so the index breaks ties.
                <FindingItem key={`${f.rule}|${f.integration ?? ""}|${f.journey ?? ""}|${i}`} finding={f} canGrant={canGrant} currentJourney={currentJourney} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
