// Small labelled values: finding severity, journey criticality and scorecard level.
import type { Severity } from "@/lib/governance/rule-types";
import type { Level } from "@/lib/governance/scorecard-levels";
import css from "./governance.module.css";

const severityLabels: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info" };

export function SeverityBadge({ value }: { value: Severity }) {
  return <span className={`badge ${css[`sev-${value}`] ?? ""}`}>{severityLabels[value]}</span>;
}

export function CriticalityBadge({ value }: { value: string }) {
  return <span className={`badge ${css[`crit-${value}`] ?? ""}`}>{value}</span>;
}

export function LevelBadge({ value, title }: { value: Level; title?: string }) {
  return (
    <span className={`badge ${value === "none" ? "" : css.level} ${css[`level-${value}`] ?? ""}`} title={title} data-testid="level">
      {value === "none" ? "No level" : value}
    </span>
  );
}
