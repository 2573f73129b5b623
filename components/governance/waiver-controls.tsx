"use client";
// Waiver actions on a finding: grant one (reason, expiry, the decision record it cites) or revoke it.
import { useId, useState, type FormEvent } from "react";
import { ErrorNotice } from "@/components/ui/states";
import { isoDateIn } from "./format";
import css from "./governance.module.css";
import { fieldErrors, useGrantWaiver, useRevokeWaiver } from "./queries";

/** Waivers are time-limited on purpose: a quarter by default, at most a year (the API's limit). */
const DEFAULT_DAYS = 90;
const MAX_DAYS = 366;

export function GrantWaiver({ rule, integration }: { rule: string; integration: string }) {
  const [open, setOpen] = useState(false);
  const grant = useGrantWaiver();
  const problems = fieldErrors(grant.error);
  const problemFor = (path: string) => problems.find((p) => p.path === path)?.message;

  if (!open) {
    return (
      <button type="button" className="btn btn-sm" onClick={() => setOpen(true)}>
        Grant waiver
      </button>
    );
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = await grant.mutateAsync({ rule, integration, ...waiverTermsOf(new FormData(e.currentTarget)) }).catch(() => null);
    if (ok) setOpen(false);
  }

  return (
    <form className={css.waiverForm} onSubmit={onSubmit} aria-label={`Grant a waiver for ${rule} on ${integration}`} noValidate>
      <WaiverTermsFields problemFor={problemFor} />
      {grant.error && problems.length === 0 && <ErrorNotice error={grant.error} />}
      <div className="row">
        <button className="btn btn-sm btn-primary" disabled={grant.isPending}>
          {grant.isPending ? "Granting…" : "Grant waiver"}
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => {
            grant.reset();
            setOpen(false);
          }}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** What a waiver form sends besides the findings: reason, expiry and the cited decision (blank: null, which the API refuses by name). */
export function waiverTermsOf(data: FormData): { reason: string; expiresAt: string; decision: number | null } {
  const decision = String(data.get("decision") ?? "").trim();
  return { reason: String(data.get("reason") ?? ""), expiresAt: String(data.get("expiresAt") ?? ""), decision: decision ? Number(decision) : null };
}

/** Reason, expiry and decision record, with the API's field problems beside each (one waiver or many). */
export function WaiverTermsFields({ problemFor }: { problemFor: (path: string) => string | undefined }) {
  const id = useId();
  return (
    <>
      <div className={css.field}>
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea id={`${id}-reason`} name="reason" rows={2} required minLength={10} maxLength={2000} aria-describedby={`${id}-reason-note`} aria-invalid={problemFor("reason") ? true : undefined} placeholder="Why this is acceptable for now, and what will fix it" />
        <span id={`${id}-reason-note`} className={problemFor("reason") ? "field-error" : "field-hint"}>
          {problemFor("reason") ?? "At least 10 characters; shown beside the waived finding"}
        </span>
      </div>
      <div className={css.waiverGrid}>
        <div className={css.field}>
          <label htmlFor={`${id}-expires`}>Expires on</label>
          <input id={`${id}-expires`} name="expiresAt" type="date" required defaultValue={isoDateIn(DEFAULT_DAYS)} min={isoDateIn(1)} max={isoDateIn(MAX_DAYS - 1)} aria-describedby={`${id}-expires-note`} aria-invalid={problemFor("expiresAt") ? true : undefined} />
          <span id={`${id}-expires-note`} className={problemFor("expiresAt") ? "field-error" : "field-hint"}>
            {problemFor("expiresAt") ?? "90 days by default, at most a year"}
          </span>
        </div>
        <div className={css.field}>
          <label htmlFor={`${id}-decision`}>Decision record number</label>
          <input id={`${id}-decision`} name="decision" type="number" required min={1} step={1} inputMode="numeric" placeholder="e.g. 12" aria-describedby={`${id}-decision-note`} aria-invalid={problemFor("decision") ? true : undefined} />
          <span id={`${id}-decision-note`} className={problemFor("decision") ? "field-error" : "field-hint"}>
            {problemFor("decision") ?? "The design decision that accepts this deviation"}
          </span>
        </div>
      </div>
    </>
  );
}

export function RevokeWaiver({ id, label }: { id: string; label: string }) {
  const revoke = useRevokeWaiver();
  return (
    <>
      <button
        type="button"
        className="btn btn-sm btn-danger"
        disabled={revoke.isPending}
        aria-label={`Revoke waiver: ${label}`}
        onClick={() => confirm(`Revoke the waiver for ${label}? The finding opens again at once.`) && revoke.mutate(id)}
      >
        {revoke.isPending ? "Revoking…" : "Revoke"}
      </button>
      {revoke.error && <ErrorNotice error={revoke.error} />}
    </>
  );
}
