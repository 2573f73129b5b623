// The "Evidence" section of a record's MADR export (pure): each stored item as it was computed.
import { describeScenario } from "@/lib/governance/simulate/describe";
import type { SimulationResult } from "@/lib/governance/simulate/engine";
import type { EvidenceItem } from "./evidence-schema";

const ms = (v: number | null) => (v === null ? "–" : `${Math.round(v * 10) / 10} ms`);
const pct = (v: number) => `${Math.round(v * 100) / 100} %`;
const day = (iso: string) => iso.slice(0, 16).replace("T", " ") + " UTC";

function simulationTable(b: SimulationResult, s: SimulationResult): string {
  const rows: [string, (r: SimulationResult) => string][] = [
    ["p50", (r) => ms(r.p50Ms)],
    ["p95", (r) => ms(r.p95Ms)],
    ["p99", (r) => ms(r.p99Ms)],
    ["error rate", (r) => pct(r.errorRatePercent)],
    ["timeout rate", (r) => pct(r.timeoutRatePercent)],
    ["fallback rate", (r) => pct(r.fallbackRatePercent)],
    ["retry amplification", (r) => `${r.retryAmplification}×`],
    [`within the ${ms(b.budgetP99Ms)} budget`, (r) => (r.withinBudget ? "yes" : "no")],
  ];
  return ["| | baseline | scenario |", "|---|---|---|", ...rows.map(([label, f]) => `| ${label} | ${f(b)} | ${f(s)} |`)].join("\n");
}

export function evidenceMadr(items: EvidenceItem[]): string {
  if (!items.length) return "";
  const parts = ["## Evidence"];
  for (const item of items) {
    parts.push(`### ${item.title}`);
    const lines: string[] = [];
    if (item.kind === "simulation") {
      lines.push(
        `Simulated ${item.requests.toLocaleString("en")} requests of journey \`${item.journey}\` (seed ${item.seed}) over telemetry from ${day(item.telemetryRange.from)} to ${day(item.telemetryRange.to)}; computed ${day(item.computedAt)} by ${item.addedBy}.`,
        "",
        `Scenario: ${describeScenario(item.scenario.changes)}.`,
        "",
        simulationTable(item.result.baseline, item.result.scenario),
      );
    } else {
      const p = item.percentiles;
      lines.push(
        `Observed \`${item.integration}\` from ${day(item.range.from)} to ${day(item.range.to)}: p50 ${ms(p.p50Ms)}, p95 ${ms(p.p95Ms)}, p99 ${ms(p.p99Ms)} over ${item.calls.toLocaleString("en")} calls (${item.errors.toLocaleString("en")} errors), against a p99 budget of ${ms(item.budget.p99Ms)}; taken ${day(item.computedAt)} by ${item.addedBy}.`,
      );
    }
    if (item.note) lines.push("", item.note);
    parts.push(lines.join("\n"));
  }
  return parts.join("\n\n");
}
