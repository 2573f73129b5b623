"use client";
// A record's evidence as stored. Beside a stored simulation, "Re-run with today's telemetry" shows
// what the same scenario gives now — next to the stored result, never replacing it.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { ComparisonTable } from "@/components/governance/what-if/comparison-table";
import { writeState } from "@/components/governance/what-if/scenario-url";
import css from "@/components/governance/what-if/what-if.module.css";
import { fetchJson } from "@/lib/client/fetch-json";
import type { EvidenceItem, SimulationEvidence } from "@/lib/decisions/evidence-schema";
import type { SimulationAnswer } from "@/lib/governance/simulate/run";
import { LocalTime } from "@/components/ui/time-zone";

const ms = (v: number | null) => (v === null ? "–" : `${Math.round(v * 10) / 10} ms`);

function SimulationItem({ item }: { item: SimulationEvidence & EvidenceItem }) {
  const rerun = useMutation({
    mutationFn: () =>
      fetchJson<SimulationAnswer>(`/api/journeys/${encodeURIComponent(item.journey)}/simulate`, { method: "POST", body: { scenario: item.scenario, requests: item.requests, seed: item.seed } }),
  });
  const columns = [
    { label: "Baseline (stored)", result: item.result.baseline },
    { label: "Scenario (stored)", result: item.result.scenario },
    ...(rerun.data ? [{ label: "Scenario today", result: rerun.data.scenario }] : []),
  ];
  const href = `/journeys/${encodeURIComponent(item.journey)}/what-if${writeState({ changes: item.scenario.changes, requests: item.requests, seed: item.seed })}`;
  return (
    <>
      <p className="field-hint" style={{ margin: "0 0 .5rem" }}>
        {item.requests.toLocaleString("en")} requests of <Link href={href}>{item.journey}</Link> (seed {item.seed}) over telemetry {item.telemetryRange.from.slice(0, 10)} – {item.telemetryRange.to.slice(0, 10)}; computed <LocalTime at={item.computedAt} /> by {item.addedBy}.
      </p>
      <ComparisonTable columns={columns} />
      <div className="row" style={{ marginTop: ".5rem" }}>
        <button type="button" className="btn btn-sm" onClick={() => rerun.mutate()} disabled={rerun.isPending} data-testid="evidence-rerun">
          {rerun.isPending ? "Re-running…" : "Re-run with today's telemetry"}
        </button>
        {rerun.data && <span className="field-hint">Today: telemetry {rerun.data.telemetryRange.from.slice(0, 10)} – {rerun.data.telemetryRange.to.slice(0, 10)}; not stored.</span>}
        {rerun.isError && <span className="field-error">{rerun.error.message}</span>}
      </div>
    </>
  );
}

export function EvidenceList({ items }: { items: EvidenceItem[] }) {
  if (!items.length) {
    return (
      <p className="muted" data-testid="evidence-empty">
        No evidence attached. From a journey&apos;s <em>What if</em> page, attach a simulation to this record while it is a draft or proposed.
      </p>
    );
  }
  return (
    <div className={css.evidence}>
      {items.map((item) => (
        <article key={item.id} className={css.evidenceItem} data-testid="evidence-item">
          <h3>{item.title}</h3>
          {item.kind === "simulation" ? (
            <SimulationItem item={item} />
          ) : (
            <p style={{ margin: 0 }}>
              <Link href={`/catalog/${encodeURIComponent(item.integration)}`} className="mono">
                {item.integration}
              </Link>{" "}
              from {item.range.from.slice(0, 10)} to {item.range.to.slice(0, 10)}: p50 {ms(item.percentiles.p50Ms)}, p95 {ms(item.percentiles.p95Ms)}, p99 {ms(item.percentiles.p99Ms)} over{" "}
              {item.calls.toLocaleString("en")} calls ({item.errors.toLocaleString("en")} errors); p99 budget {ms(item.budget.p99Ms)}. Taken <LocalTime at={item.computedAt} /> by {item.addedBy}.
            </p>
          )}
          {item.note && <p style={{ marginBottom: 0 }}>{item.note}</p>}
        </article>
      ))}
    </div>
  );
}
