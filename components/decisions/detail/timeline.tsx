// Everything that happened to a record, oldest first: revisions (with what changed), reviews (with
// their verdict and comment) and status transitions (with their comment).
import type { TimelineEntry } from "@/lib/decisions/records";
import { decisionStatuses, IMPORTED, verdicts, type DecisionStatus, type Verdict } from "@/lib/decisions/workflow";
import { verdictLabels } from "../labels";
import { StatusBadge } from "../status-badge";
import css from "../decisions.module.css";
import { ValueDiff } from "./value-diff";
import { LocalTime } from "@/components/ui/time-zone";

const isStatus = (s: string | undefined): s is DecisionStatus => (decisionStatuses as readonly string[]).includes(s ?? "");
const isVerdict = (s: string | undefined): s is Verdict => (verdicts as readonly string[]).includes(s ?? "");

/** The server summarises each entry as text ("approve (revision 2)", "draft → proposed"); read it back. */
function Summary({ entry }: { entry: TimelineEntry }) {
  if (entry.kind === "review") {
    const [, verdict, revision] = /^(\S+) \(revision (\d+)\)$/.exec(entry.summary) ?? [];
    if (!isVerdict(verdict)) return <span>{entry.summary}</span>;
    return (
      <>
        <span className={`badge ${css[`verdict-${verdict}`] ?? ""}`}>{verdictLabels[verdict]}</span>
        {revision && <span className="muted">on revision {revision}</span>}
      </>
    );
  }
  if (entry.kind === "transition") {
    const [from, to] = entry.summary.split(" → ");
    if (from === IMPORTED && isStatus(to)) {
      return (
        <>
          <span>imported it as</span>
          <StatusBadge status={to} />
        </>
      );
    }
    if (!isStatus(from) || !isStatus(to)) return <span>{entry.summary}</span>;
    return (
      <>
        <span>moved it</span>
        <StatusBadge status={from} />
        <span aria-label="to">→</span>
        <StatusBadge status={to} />
      </>
    );
  }
  return <span>{entry.summary === "Created revision 1" ? "created the record (revision 1)" : `saved ${entry.summary.toLowerCase()}`}</span>;
}

function verdictOf(entry: TimelineEntry): string | undefined {
  return entry.kind === "review" ? entry.summary.split(" ")[0] : undefined;
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing has happened to this record yet.</p>;
  return (
    <ol className={css.timeline} data-testid="timeline">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className={`card ${css.entry}`} data-testid="timeline-entry" data-kind={e.kind} data-verdict={verdictOf(e)}>
          <div className={css.entryHead}>
            <strong style={{ overflowWrap: "anywhere" }}>{e.actor}</strong>
            <Summary entry={e} />
            <span className="spacer" />
            <time dateTime={e.at} className="muted" style={{ fontSize: ".85rem" }}>
              <LocalTime at={e.at} />
            </time>
          </div>
          {e.comment && <div className={css.comment}>{e.comment}</div>}
          {e.changes && <ValueDiff changes={e.changes} />}
        </li>
      ))}
    </ol>
  );
}
