"use client";
// The status moves open to this visitor: allowed ones as buttons, refused ones disabled with the
// reason. Final moves (reject, deprecate, supersede) ask for confirmation first.
import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/client/fetch-json";
import type { DecisionStatus, TransitionCheck } from "@/lib/decisions/workflow";
import { formatNumber } from "@/lib/decisions/workflow";
import { statusLabels, transitionLabels } from "../labels";
import { useDecisionTransition } from "../queries";
import css from "../decisions.module.css";

const needsConfirmation = new Set<DecisionStatus>(["rejected", "deprecated", "superseded"]);

/** A 409's message, plus which moves the server says are open now (they may differ from the page's). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return "Something went wrong";
  const allowed = err instanceof ApiError ? (err.details as { allowed?: unknown } | undefined)?.allowed : undefined;
  if (Array.isArray(allowed)) {
    const names = allowed.filter((a): a is DecisionStatus => typeof a === "string" && a in statusLabels).map((a) => transitionLabels[a].replace("…", ""));
    return `${err.message}. ${names.length ? `Open to you now: ${names.join(", ")}.` : "No status change is open to you now."}`;
  }
  return err.message;
}

export function TransitionActions({ number, actions }: { number: number; actions: TransitionCheck[] }) {
  const move = useDecisionTransition(number);
  const [comment, setComment] = useState("");
  const [confirming, setConfirming] = useState<DecisionStatus | null>(null);
  const [successor, setSuccessor] = useState("");
  const [successorError, setSuccessorError] = useState<string | null>(null);

  if (actions.length === 0) return <p className="muted" style={{ margin: 0 }}>This record&apos;s status is final.</p>;

  async function run(to: DecisionStatus, supersededBy?: number) {
    await move.mutateAsync({ to, comment, supersededBy }).then(
      () => {
        setComment("");
        setConfirming(null);
        setSuccessor("");
      },
      () => undefined, // shown from move.error below
    );
  }

  function onSupersede(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const n = Number(successor.replace(/^adr-0*/i, ""));
    if (!Number.isInteger(n) || n <= 0) return setSuccessorError("Enter the number of the accepted record that replaces this one, e.g. 15");
    if (n === number) return setSuccessorError("A record cannot supersede itself");
    setSuccessorError(null);
    void run("superseded", n);
  }

  const anyAllowed = actions.some((a) => a.allowed);
  return (
    <div className={css.actions} data-testid="transition-actions">
      {anyAllowed && (
        <label>
          <span>
            Note with the status change <span className="field-hint">(optional)</span>
          </span>
          <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} disabled={move.isPending} placeholder="Why now?" />
        </label>
      )}
      {actions.map((a) => {
        const reasonId = `transition-${a.to}-reason`;
        if (confirming === a.to && a.to === "superseded") {
          return (
            <form key={a.to} className={css.inlineForm} onSubmit={onSupersede} noValidate>
              <label>
                Superseded by (record number)
                <input
                  inputMode="numeric"
                  value={successor}
                  onChange={(e) => setSuccessor(e.target.value)}
                  placeholder="e.g. 15 or ADR-0015"
                  aria-invalid={successorError ? true : undefined}
                  aria-describedby={successorError ? "successor-error" : "successor-hint"}
                  autoFocus
                />
                <span id="successor-hint" className="field-hint">
                  Another record that is already accepted. It will show that it supersedes {formatNumber(number)}.
                </span>
                {successorError && (
                  <span id="successor-error" className="field-error">
                    {successorError}
                  </span>
                )}
              </label>
              <div className="row">
                <button className="btn btn-primary" type="submit" disabled={move.isPending}>
                  {move.isPending ? "Saving…" : "Mark superseded"}
                </button>
                <button className="btn" type="button" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            </form>
          );
        }
        if (confirming === a.to) {
          return (
            <div key={a.to} className={css.inlineForm} role="group" aria-label={`Confirm ${transitionLabels[a.to]}`}>
              <span>
                Mark {formatNumber(number)} <strong>{statusLabels[a.to].toLowerCase()}</strong>? This is final.
              </span>
              <div className="row">
                <button className="btn btn-primary" type="button" onClick={() => void run(a.to)} disabled={move.isPending}>
                  {move.isPending ? "Saving…" : `Yes, ${transitionLabels[a.to].toLowerCase()}`}
                </button>
                <button className="btn" type="button" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            </div>
          );
        }
        return (
          <div key={a.to} className={css.actionRow}>
            <button
              type="button"
              className={`btn ${a.allowed && (a.to === "accepted" || a.to === "proposed") ? "btn-primary" : ""} ${a.to === "rejected" ? "btn-danger" : ""}`}
              disabled={!a.allowed || move.isPending}
              title={a.reason ?? undefined}
              aria-describedby={a.reason ? reasonId : undefined}
              data-testid="transition"
              data-to={a.to}
              onClick={() => {
                move.reset();
                if (needsConfirmation.has(a.to)) setConfirming(a.to);
                else void run(a.to);
              }}
            >
              {move.isPending && move.variables?.to === a.to ? "Saving…" : transitionLabels[a.to]}
            </button>
            {a.reason && (
              <span id={reasonId} className={css.reason}>
                {a.reason}
              </span>
            )}
          </div>
        );
      })}
      {move.error && (
        <div className="notice notice-danger" role="alert" data-testid="transition-error">
          {describe(move.error)}
        </div>
      )}
    </div>
  );
}
