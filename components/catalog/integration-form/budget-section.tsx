"use client";
// Budget & SLO: the numbers production is held against.
import { isAsyncStyle } from "@/lib/catalog/integration-schema";
import { NumberField, Section, useForm } from "./fields";

export function BudgetSection() {
  const { values } = useForm();
  const async = values.style !== "" && isAsyncStyle(values.style);
  return (
    <Section
      title="Budget & SLO"
      hint={async ? "For asynchronous styles the budget is end-to-end delivery lag, from publish to processed." : "Latency as the caller sees it, including the network."}
    >
      <NumberField path="budget.p50Ms" label="p50 budget (ms)" placeholder="optional" />
      <NumberField path="budget.p95Ms" label="p95 budget (ms)" placeholder="optional" />
      <NumberField path="budget.p99Ms" label="p99 budget (ms)" placeholder="required" />
      <NumberField path="slo.successTargetPercent" label="Success target (%)" hint="Strictly between 0 and 100, e.g. 99.9." />
      <NumberField path="slo.latencyTargetPercent" label="Latency SLO share (%)" hint="Share of calls that must finish within the p99 budget." />
      <NumberField path="slo.windowDays" label="SLO window (days)" step="1" hint="Rolling window, 1 to 90 days." />
    </Section>
  );
}
