// Where the record stands on approvals: "1 of 1 approvals", and who has asked for changes.
import { plural } from "@/lib/format/plural";
import type { DecisionDetail } from "@/lib/decisions/records";
import css from "../decisions.module.css";

export function Approvals({ detail }: { detail: DecisionDetail }) {
  const { approvals, required, blockedBy } = detail.approvals;
  const { status, revision } = detail.record;
  const share = required > 0 ? Math.min(approvals / required, 1) : 1;
  return (
    <div data-testid="approvals">
      <div className={css.approvalLine}>
        <strong data-testid="approval-count">
          {approvals} of {plural(required, "approval")}
        </strong>
        <span className="muted">on revision {revision}</span>
      </div>
      <div className={css.meter} role="meter" aria-valuemin={0} aria-valuemax={required} aria-valuenow={approvals} aria-label="Architect approvals">
        <span style={{ width: `${share * 100}%` }} />
      </div>
      {blockedBy.length > 0 && (
        <p className="field-error" style={{ margin: ".35rem 0 0" }} data-testid="changes-requested">
          Changes requested by {blockedBy.join(", ")}. They must approve a later revision before it can be accepted.
        </p>
      )}
      {status === "draft" && <p className="field-hint" style={{ margin: ".35rem 0 0" }}>Architects review a record once it is proposed.</p>}
      {status === "proposed" && blockedBy.length === 0 && approvals < required && (
        <p className="field-hint" style={{ margin: ".35rem 0 0" }}>Waiting for architect review. Editing the record resets approvals to the new revision.</p>
      )}
    </div>
  );
}
