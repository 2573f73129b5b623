"use client";
// "Attach to a decision": stores the simulated scenario as evidence on a new draft record or on an
// existing draft or proposed one (the server re-computes it with the same seed and stores that).
import Link from "next/link";
import { useState } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import type { WhatIfState } from "./scenario-url";
import css from "./what-if.module.css";

export interface AttachTarget {
  number: number;
  label: string;
  title: string;
  status: string;
}

/** `range` is the telemetry range of the result on screen: the stored evidence is computed over the same. */
export function AttachToDecision({ slug, state, range, targets }: { slug: string; state: WhatIfState; range: { from: string; to: string }; targets: AttachTarget[] }) {
  const [target, setTarget] = useState<string>("new");
  const [title, setTitle] = useState(`What if on ${slug}`);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ number: number; label: string } | null>(null);

  async function attach() {
    setBusy(true);
    setProblem(null);
    try {
      let number = Number(target);
      let label = targets.find((t) => t.number === number)?.label ?? "";
      if (target === "new") {
        const integrations = state.changes.map((c) => c.integration);
        const created = await fetchJson<{ number: number; label: string }>("/api/decisions", { method: "POST", body: { title, journeys: [slug], integrations } });
        number = created.number;
        label = created.label;
      }
      await fetchJson(`/api/decisions/${number}/evidence`, { method: "POST", body: { kind: "simulation", journey: slug, scenario: { changes: state.changes }, requests: state.requests, seed: state.seed, from: range.from, to: range.to } });
      setDone({ number, label });
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="wi-attach">
      <h2 id="wi-attach">Attach to a decision</h2>
      <p className="field-hint" style={{ marginTop: 0 }}>
        Stores this scenario and its result on the record as evidence. Stored evidence never changes; a later re-run sits beside it.
      </p>
      <div className={css.attach}>
        <label htmlFor="wi-target">
          Record
          <select id="wi-target" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="new">New draft record</option>
            {targets.map((t) => (
              <option key={t.number} value={t.number}>
                {t.label} · {t.title} ({t.status})
              </option>
            ))}
          </select>
        </label>
        {target === "new" && (
          <label htmlFor="wi-title">
            Title
            <input id="wi-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} style={{ minWidth: 280 }} />
          </label>
        )}
        <button type="button" className="btn btn-primary" onClick={() => void attach()} disabled={busy || (target === "new" && title.trim().length < 3)}>
          {busy ? "Attaching…" : "Attach"}
        </button>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {done && (
        <p className="notice notice-ok" data-testid="attached">
          Attached to <Link href={`/decisions/${done.number}#evidence`}>{done.label}</Link>.
        </p>
      )}
    </section>
  );
}
