// Baseline vs scenario (and, on a record, today's re-run) side by side: percentiles, error, timeout
// and fallback rates, calls and retry amplification, and whether the journey stays within budget.
import type { SimulationResult } from "@/lib/governance/simulate/engine";
import css from "./what-if.module.css";

const ms = (v: number) => `${v >= 100 ? Math.round(v) : Math.round(v * 10) / 10} ms`;
const pct = (v: number) => `${Math.round(v * 100) / 100} %`;

const rows: { label: string; value: (r: SimulationResult) => string; worse?: (a: SimulationResult, b: SimulationResult) => boolean }[] = [
  { label: "p50", value: (r) => ms(r.p50Ms), worse: (a, b) => b.p50Ms > a.p50Ms },
  { label: "p95", value: (r) => ms(r.p95Ms), worse: (a, b) => b.p95Ms > a.p95Ms },
  { label: "p99", value: (r) => ms(r.p99Ms), worse: (a, b) => b.p99Ms > a.p99Ms },
  { label: "Error rate", value: (r) => pct(r.errorRatePercent), worse: (a, b) => b.errorRatePercent > a.errorRatePercent },
  { label: "Timeout rate", value: (r) => pct(r.timeoutRatePercent), worse: (a, b) => b.timeoutRatePercent > a.timeoutRatePercent },
  { label: "Fallback rate", value: (r) => pct(r.fallbackRatePercent) },
  { label: "Calls per request", value: (r) => String(r.callsPerRequest) },
  { label: "Retry amplification", value: (r) => `${r.retryAmplification}×`, worse: (a, b) => b.retryAmplification > a.retryAmplification },
];

export function ComparisonTable({ columns }: { columns: { label: string; result: SimulationResult }[] }) {
  const base = columns[0]!.result;
  return (
    <div className="table-wrap">
      <table className={css.compare} aria-label="Baseline and scenario compared">
        <thead>
          <tr>
            <th />
            {columns.map((c) => (
              <th key={c.label} className={css.num}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {columns.map((c, i) => (
                <td key={c.label} className={`${css.num} ${i > 0 && row.worse?.(base, c.result) ? css.worse : ""}`} data-testid={`cmp-${row.label.toLowerCase().replace(/\W+/g, "-")}-${i}`}>
                  {row.value(c.result)}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Within the {ms(base.budgetP99Ms)} budget</th>
            {columns.map((c, i) => (
              <td key={c.label} className={`${css.num} ${c.result.withinBudget ? css.within : css.worse}`} data-testid={`cmp-within-${i}`}>
                {c.result.withinBudget ? "within" : "over"}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
