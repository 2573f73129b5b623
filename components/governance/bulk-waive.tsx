"use client";
// The bulk waiver form: the chosen findings waived at once, with one reason and expiry, citing one
// decision record. The API takes all or none, so a refusal leaves every finding as it was.
import { type FormEvent } from "react";
import { ErrorNotice } from "@/components/ui/states";
import { plural } from "@/lib/format/plural";
import type { MAX_BULK_WAIVERS as SERVER_MAX } from "@/lib/governance/waivers";
import css from "./governance.module.css";
import { fieldErrors, useGrantWaivers } from "./queries";
import { WaiverTermsFields, waiverTermsOf } from "./waiver-controls";

/** The server's limit per request; typed by it, so the two cannot drift apart unnoticed. */
const MAX_BULK_WAIVERS: typeof SERVER_MAX = 500;

export interface ChosenFinding {
  rule: string;
  integration: string;
}

export function BulkWaive({ chosen, onDone, onClear }: { chosen: ChosenFinding[]; onDone: (count: number) => void; onClear: () => void }) {
  const grant = useGrantWaivers();
  const problems = fieldErrors(grant.error);
  const problemFor = (path: string) => problems.find((p) => p.path === path)?.message;
  // Problems with single findings (findings.3.integration) have no field of their own here.
  const findingProblems = problems.filter((p) => p.path.startsWith("findings"));
  const tooMany = chosen.length > MAX_BULK_WAIVERS;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (tooMany) return;
    const done = await grant.mutateAsync({ findings: chosen, ...waiverTermsOf(new FormData(e.currentTarget)) }).catch(() => null);
    if (done) onDone(done.items.length);
  }

  return (
    <form className={`${css.waiverForm} ${css.bulkWaive}`} onSubmit={onSubmit} aria-label="Waive the selected findings" noValidate data-testid="bulk-waive">
      <strong role="status">{plural(chosen.length, "finding")} selected</strong>
      {tooMany && (
        <p className="notice notice-danger" role="alert">
          At most {MAX_BULK_WAIVERS} findings can be waived at a time; untick {chosen.length - MAX_BULK_WAIVERS} to go on.
        </p>
      )}
      <WaiverTermsFields problemFor={problemFor} />
      {grant.error && (problems.length === 0 || findingProblems.length > 0) && <ErrorNotice error={grant.error} />}
      <div className="row">
        <button className="btn btn-sm btn-primary" disabled={grant.isPending || tooMany}>
          {grant.isPending ? "Waiving…" : `Waive ${plural(chosen.length, "finding")}`}
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => {
            grant.reset();
            onClear();
          }}>
          Clear selection
        </button>
      </div>
    </form>
  );
}
