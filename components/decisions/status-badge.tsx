// A decision's status as a coloured badge; the colour only repeats what the word says.
import type { DecisionStatus } from "@/lib/decisions/workflow";
import { statusLabels } from "./labels";
import css from "./decisions.module.css";

export function StatusBadge({ status }: { status: DecisionStatus }) {
  return (
    <span className={`badge ${css[`status-${status}`] ?? ""}`} data-testid="decision-status" data-status={status}>
      {statusLabels[status]}
    </span>
  );
}
