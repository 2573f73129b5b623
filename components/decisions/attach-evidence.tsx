"use client";
// "Attach to a decision": stores a piece of evidence (a what-if, a latency snapshot) on a new draft
// record or on an existing draft or proposed one. The server computes the item it stores from the
// request (the same seed, the same range), so what is stored is what the server can stand behind.
import Link from "next/link";
import { useId, useState } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import type { AttachTarget } from "@/lib/decisions/evidence-types";

interface Props {
  /** The body of `POST /api/decisions/{number}/evidence`. */
  evidence: Record<string, unknown>;
  /** A new record's default title and what it is linked to. */
  newRecord: { title: string; journeys?: string[]; integrations?: string[] };
  targets: AttachTarget[];
  /** What is stored, in a sentence. */
  hint: string;
  testId?: string;
}

export function AttachEvidence({ evidence, newRecord, targets, hint, testId = "attach-evidence" }: Props) {
  const id = useId();
  const [target, setTarget] = useState<string>("new");
  const [title, setTitle] = useState(newRecord.title);
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
        const created = await fetchJson<{ number: number; label: string }>("/api/decisions", { method: "POST", body: { title, journeys: newRecord.journeys ?? [], integrations: newRecord.integrations ?? [] } });
        number = created.number;
        label = created.label;
      }
      await fetchJson(`/api/decisions/${number}/evidence`, { method: "POST", body: evidence });
      setDone({ number, label });
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid={testId}>
      <h2 id={`${id}-h`}>Attach to a decision</h2>
      <p className="field-hint" style={{ marginTop: 0 }}>
        {hint} Stored evidence never changes; a later re-run sits beside it.
      </p>
      <div style={{ display: "flex", flexWrap: "wrap", gap: ".5rem", alignItems: "flex-end" }}>
        <label htmlFor={`${id}-target`} style={{ display: "flex", flexDirection: "column", gap: ".2rem", fontSize: ".85rem", fontWeight: 500 }}>
          Record
          <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="new">New draft record</option>
            {targets.map((t) => (
              <option key={t.number} value={t.number}>
                {t.label} · {t.title} ({t.status})
              </option>
            ))}
          </select>
        </label>
        {target === "new" && (
          <label htmlFor={`${id}-title`} style={{ display: "flex", flexDirection: "column", gap: ".2rem", fontSize: ".85rem", fontWeight: 500 }}>
            Title
            <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} style={{ minWidth: 280 }} />
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
