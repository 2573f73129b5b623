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

export function StatusLabel({ value }: { value: IntegrationStatus }) {
  // Telemetry-derived status comes with ingestion; until then the honest answer is "no data".
  if (value === "no-data") return <span className={css.noData}>no data</span>;
  return <span className="badge">{value}</span>;
}
