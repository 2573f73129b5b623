"use client";
// The journey's what-if: per-step changes on the left; baseline vs scenario on the right (figures,
// per-step table, both waterfalls, both distributions). "Simulate" writes the scenario into the
// address, so the link shares exactly what is on screen.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import type { SimulationAnswer } from "@/lib/governance/simulate/run";
import type { StepChange } from "@/lib/governance/simulate/scenario-schema";
import { BudgetWaterfall } from "../budget-waterfall";
import { integrationHref } from "../format";
import { AttachToDecision, type AttachTarget } from "./attach-to-decision";
import { ComparisonTable } from "./comparison-table";
import { LatencyDistribution } from "./latency-distribution";
import { writeState, type WhatIfState } from "./scenario-url";
import { StepControls, type WhatIfStep } from "./step-controls";
import css from "./what-if.module.css";

const round1 = (v: number) => Math.round(v * 10) / 10;

export const simulateKey = (slug: string, state: WhatIfState) => ["journeys", slug, "simulate", state] as const;

function Results({ answer }: { answer: SimulationAnswer }) {
  const { baseline, scenario } = answer;
  return (
    <>
      <section className="card" aria-labelledby="wi-figures">
        <h2 id="wi-figures">Baseline and scenario</h2>
        <p className="field-hint" style={{ marginTop: 0 }}>
          {answer.requests.toLocaleString("en")} simulated requests (seed {answer.seed}) over telemetry from {answer.telemetryRange.from.slice(0, 10)} to {answer.telemetryRange.to.slice(0, 10)}.
        </p>
        <ComparisonTable columns={[{ label: "Baseline", result: baseline }, { label: "Scenario", result: scenario }]} />
      </section>
      <section className="card" aria-labelledby="wi-steps">
        <h2 id="wi-steps">Steps</h2>
        <div className="table-wrap">
          <table className={css.stepsTable}>
            <thead>
              <tr>
                <th>Step</th>
                <th>Drawn from</th>
                <th className={css.num}>p99 before → after</th>
                <th className={css.num}>Share of p99</th>
                <th className={css.num}>Timeouts</th>
                <th className={css.num}>Retries</th>
              </tr>
            </thead>
            <tbody>
              {scenario.steps.map((s, i) => {
                const b = baseline.steps[i]!;
                return (
                  <tr key={s.integration} data-testid="what-if-step-row">
                    <td>
                      <Link href={integrationHref(s.integration)} className="mono">
                        {s.integration}
                      </Link>{" "}
                      {!s.synchronous && <span className="badge">async: lag budget {s.budgetP99Ms} ms {s.withinBudget ? "met" : "missed"}</span>}
                    </td>
                    <td className={css.source}>{s.source === "observed" ? `observed (${(answer.observedCalls[s.integration] ?? 0).toLocaleString("en")} calls)` : "declared budget (no telemetry)"}</td>
                    <td className={css.num}>
                      {round1(b.p99Ms)} → {round1(s.p99Ms)} ms
                    </td>
                    <td className={css.num}>{s.synchronous ? `${Math.round(s.shareOfP99 * 100)} %` : "off path"}</td>
                    <td className={css.num}>{s.timeouts.toLocaleString("en")}</td>
                    <td className={css.num}>{s.retries.toLocaleString("en")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="wi-waterfalls">
        <h2 id="wi-waterfalls">Waterfalls</h2>
        <p className="field-hint" style={{ marginTop: 0 }}>
          Each synchronous step&apos;s simulated p99 laid end to end (as the budget composition adds them); the journey&apos;s own p99 is in the table above.
        </p>
        <div className={css.pair}>
          <div data-testid="waterfall-baseline">
            <h3>Baseline</h3>
            {baseline.waterfall.syncHops ? <BudgetWaterfall composition={baseline.waterfall} measure="simulated p99" /> : <p className="muted">No synchronous steps.</p>}
          </div>
          <div data-testid="waterfall-scenario">
            <h3>Scenario</h3>
            {scenario.waterfall.syncHops ? <BudgetWaterfall composition={scenario.waterfall} measure="simulated p99" /> : <p className="muted">No synchronous steps: nothing here makes the user wait.</p>}
          </div>
        </div>
      </section>
      <section className="card" aria-labelledby="wi-distribution">
        <h2 id="wi-distribution">Latency distribution</h2>
        <LatencyDistribution baseline={baseline} scenario={scenario} />
      </section>
    </>
  );
}

export function WhatIf({ slug, steps, initial, problem, attachTargets }: { slug: string; steps: WhatIfStep[]; initial: WhatIfState; problem: string | null; attachTargets: AttachTarget[] | null }) {
  const [draft, setDraft] = useState<Record<string, StepChange>>(() => Object.fromEntries(initial.changes.map((c) => [c.integration, c])));
  const [committed, setCommitted] = useState<WhatIfState>(initial);
  const [requests, setRequests] = useState(initial.requests);
  const [seed, setSeed] = useState(initial.seed);
  const query = useQuery({
    queryKey: simulateKey(slug, committed),
    queryFn: () => fetchJson<SimulationAnswer>(`/api/journeys/${encodeURIComponent(slug)}/simulate`, { method: "POST", body: { scenario: { changes: committed.changes }, requests: committed.requests, seed: committed.seed } }),
    staleTime: Infinity,
  });

  function update(key: string, field: keyof StepChange, value: unknown) {
    setDraft((d) => {
      const next: Record<string, unknown> = { ...(d[key] ?? { integration: key }) };
      if (value === undefined) delete next[field];
      else next[field] = value;
      return { ...d, [key]: next as StepChange };
    });
  }

  function run() {
    const changes = steps.map((s) => draft[s.key]).filter((c): c is StepChange => c != null && Object.keys(c).length > 1);
    const state = { changes, requests, seed };
    setCommitted(state);
    // The address carries the scenario (Next's router picks up history.replaceState).
    window.history.replaceState(null, "", `${window.location.pathname}${writeState(state)}`);
  }

  function reset() {
    setDraft({});
    const state = { changes: [], requests, seed };
    setCommitted(state);
    window.history.replaceState(null, "", `${window.location.pathname}${writeState(state)}`);
  }

  const pending = JSON.stringify(steps.map((s) => draft[s.key]).filter((c) => c && Object.keys(c).length > 1)) !== JSON.stringify(committed.changes) || requests !== committed.requests || seed !== committed.seed;

  return (
    <div className={css.layout}>
      <form
        className={css.controls}
        aria-label="Scenario"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        {problem && <div className="notice notice-danger">{problem}</div>}
        {steps.map((s, i) => (
          <StepControls key={s.key} step={s} position={i + 1} change={draft[s.key]} onChange={(field, value) => update(s.key, field, value)} />
        ))}
        <div className={css.fields}>
          <label htmlFor="wi-requests">
            Requests
            <select id="wi-requests" value={requests} onChange={(e) => setRequests(Number(e.target.value))}>
              {[10_000, 50_000, 100_000, 200_000].map((n) => (
                <option key={n} value={n}>
                  {n.toLocaleString("en")}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="wi-seed">
            Seed
            <input id="wi-seed" type="number" min={0} value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
          </label>
        </div>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={query.isFetching}>
            {query.isFetching ? "Simulating…" : "Simulate"}
          </button>
          <button type="button" className="btn" onClick={reset}>
            Back to baseline
          </button>
          {pending && <span className="field-hint">Changes not simulated yet</span>}
        </div>
      </form>
      <div className={css.results} aria-live="polite">
        {query.isPending ? (
          <div className="card" data-testid="what-if-loading">
            <p className="muted">Simulating {committed.requests.toLocaleString("en")} requests…</p>
            <div className="skeleton" style={{ height: 180 }} />
          </div>
        ) : query.isError ? (
          <div className="notice notice-danger" role="alert">
            The simulation failed: {query.error.message}
          </div>
        ) : (
          <>
            {committed.changes.length === 0 && (
              <div className="notice" data-testid="what-if-empty">
                No changes yet: the scenario is the baseline. Change a step on the left — a timeout, retries, a breaker, or its style (sync → async) — then Simulate.
              </div>
            )}
            <Results answer={query.data} />
            {attachTargets && <AttachToDecision slug={slug} state={committed} range={query.data.telemetryRange} targets={attachTargets} />}
          </>
        )}
      </div>
    </div>
  );
}
