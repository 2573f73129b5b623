// Small labelled values used across catalog tables and the detail page.
import type { Criticality, Lifecycle, Style } from "@/lib/catalog/integration-schema";
import type { IntegrationStatus } from "@/lib/catalog/integrations";
import { criticalityLabels, lifecycleLabels, styleLabels } from "./labels";
import css from "./catalog.module.css";

export function CriticalityBadge({ value }: { value: Criticality }) {
  return <span className={`badge ${css[`crit-${value}`] ?? ""}`}>{criticalityLabels[value]}</span>;
}

export function LifecycleBadge({ value }: { value: Lifecycle }) {
  return <span className={`badge ${css[`life-${value}`] ?? ""}`}>{lifecycleLabels[value]}</span>;
}

/** Short style names fit table cells; the full wording is in the title. */
export function StyleLabel({ value }: { value: Style }) {
  return (
    <span title={styleLabels[value]} className="mono">
      {value}
    </span>
  );
}

/** Health statuses as people say them (lib/slo/health-status.ts defines each). */
export const statusLabels: Record<IntegrationStatus, string> = {
  ok: "Within budget",
  warning: "At risk",
  breaching: "Breaching",
  "no-data": "No data",
  silent: "Silent",
};

export function StatusLabel({ value }: { value: IntegrationStatus }) {
  // Never any telemetry: the honest answer is "no data", quieter than a badge.
  if (value === "no-data") return <span className={css.noData}>no data</span>;
  return <span className={`badge ${css[`status-${value}`] ?? ""}`} data-status={value}>{statusLabels[value]}</span>;
}
