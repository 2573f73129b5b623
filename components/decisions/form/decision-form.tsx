"use client";
// The decision editor, for new records and edits: every MADR field, checked with the API's own schema
// (live once a save has been tried) and with the server's problems shown beside the fields they name.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { decisionSchema, type DecisionContent } from "@/lib/decisions/schema";
import { decisionHref, integrationHref, journeyHref } from "../labels";
import { useSaveDecision } from "../queries";
import css from "../decisions.module.css";
import { ErrorSummary } from "./error-summary";
import { LinesField, MarkdownField, Section } from "./fields";
import { detailsOf, initialValues, issuesByField, toInput, topField, type FormValues, type Issue, type TokenField } from "./form-values";
import { OptionsEditor } from "./options-editor";
import { TokenField as Tokens } from "./token-field";

interface Props {
  /** null for a new record. */
  number: number | null;
  record: DecisionContent | null;
  /** For a proposed record: saving makes a new revision, and earlier approvals stop counting. */
  proposedRevision?: number;
  prefill?: { integrations?: string[] };
  integrationKeys: string[];
  journeySlugs: string[];
}

const tokenSpecs: Record<TokenField, { label: string; hint: string; placeholder: string }> = {
  tags: { label: "Tags", hint: "Lowercase words, e.g. latency, pci. Enter or comma adds one.", placeholder: "latency" },
  deciders: { label: "Deciders", hint: "Email addresses of the people who make the decision.", placeholder: "name@example.com" },
  consulted: { label: "Consulted", hint: "People or teams whose opinions were sought (two-way).", placeholder: "Payments team" },
  informed: { label: "Informed", hint: "People or teams kept up to date (one-way).", placeholder: "SRE on-call" },
  integrations: { label: "Linked integration points", hint: "Keys such as checkout->payments:authorize. Accepted decisions appear on their charts.", placeholder: "Start typing a key…" },
  journeys: { label: "Linked journeys", hint: "Slugs of the critical user journeys this affects.", placeholder: "checkout" },
};

export function DecisionForm({ number, record, proposedRevision, prefill, integrationKeys, journeySlugs }: Props) {
  const router = useRouter();
  const save = useSaveDecision(number);
  const [values, setValues] = useState<FormValues>(() => initialValues(record, prefill));
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [dirty, setDirty] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const input = useMemo(() => toInput(values), [values]);
  // Quiet until the first save attempt; from then on problems clear (or appear) as the visitor types.
  const clientIssues = useMemo<Issue[]>(() => {
    if (!attempted) return [];
    const result = decisionSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  }, [attempted, input]);
  const errors = issuesByField([...clientIssues, ...serverIssues], input);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  function set<K extends keyof FormValues>(key: K, value: FormValues[K], field: string = key) {
    setValues((v) => ({ ...v, [key]: value }));
    setDirty(true);
    // The server's complaint about a field is answered by editing it.
    setServerIssues((issues) => issues.filter((i) => topField(i.path) !== topField(field)));
  }
  const setTokens = (field: TokenField) => (list: string[], draft: string) => {
    setValues((v) => ({ ...v, tokens: { ...v.tokens, [field]: list }, drafts: { ...v.drafts, [field]: draft } }));
    setDirty(true);
    setServerIssues((issues) => issues.filter((i) => topField(i.path) !== field));
  };

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAttempted(true);
    setServerIssues([]);
    save.reset();
    if (!decisionSchema.safeParse(input).success) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    try {
      const saved = await save.mutateAsync(input);
      setDirty(false);
      router.push(decisionHref(saved.number));
    } catch (err) {
      setServerIssues(detailsOf(err));
      requestAnimationFrame(() => summary.current?.focus());
    }
  }

  const busy = save.isPending || save.isSuccess;
  const tokenField = (field: TokenField, extra: { suggestions?: string[]; hrefOf?: (v: string) => string } = {}) => (
    <Tokens
      field={field}
      {...tokenSpecs[field]}
      {...extra}
      values={values.tokens[field]}
      draft={values.drafts[field]}
      onChange={setTokens(field)}
      errors={errors[field]}
      disabled={busy}
    />
  );
  const fallback = save.error && detailsOf(save.error).length === 0 ? save.error.message : null;

  return (
    <form className={css.form} onSubmit={onSubmit} noValidate aria-label={number === null ? "New decision" : "Edit decision"}>
      <ErrorSummary ref={summary} errors={attempted ? errors : {}} fallback={fallback} />
      {proposedRevision !== undefined && (
        <div className="notice">
          This record is proposed. Saving makes revision {proposedRevision + 1}: approvals of revision {proposedRevision} stop counting, and reviewers see
          what changed.
        </div>
      )}
      <Section title="Decision">
        <div className={css.field}>
          <label htmlFor="decision-title">Title</label>
          <input
            id="decision-title"
            value={values.title}
            onChange={(e) => set("title", e.target.value)}
            placeholder="e.g. Authorize payments asynchronously during checkout"
            className={errors.title?.length ? css.invalid : undefined}
            aria-describedby={errors.title?.length ? "decision-title-error" : undefined}
            aria-invalid={errors.title?.length ? true : undefined}
            disabled={busy}
            maxLength={200}
          />
          {errors.title?.length ? (
            <div id="decision-title-error" className="field-error" data-testid="field-error" data-field="title">
              {errors.title.join(" ")}
            </div>
          ) : null}
        </div>
        {tokenField("tags")}
      </Section>

      <Section title="Context" hint="What is the problem, and what forces are at play? Reviewers read this first.">
        <MarkdownField
          field="context"
          label="Context and problem statement"
          value={values.context}
          onChange={(v) => set("context", v)}
          placeholder="Checkout calls payments synchronously; p99 is 40% of the journey budget…"
          errors={errors.context}
          disabled={busy}
        />
        <LinesField
          field="drivers"
          label="Decision drivers"
          value={values.drivers}
          onChange={(v) => set("drivers", v)}
          placeholder={"Checkout p99 must stay under 800 ms\nNo double charges"}
          errors={errors.drivers}
          disabled={busy}
        />
      </Section>

      <Section title="Considered options" hint="Each alternative you weighed, with what speaks for and against it.">
        <OptionsEditor options={values.options} onChange={(o) => set("options", o)} errors={errors} disabled={busy} />
      </Section>

      <Section title="Outcome">
        <MarkdownField
          field="outcome"
          label="Decision outcome"
          value={values.outcome}
          onChange={(v) => set("outcome", v)}
          placeholder="Chosen option: …, because …"
          errors={errors.outcome}
          disabled={busy}
        />
        <div className={css.twoCols}>
          <LinesField field="positive" label="Positive consequences" value={values.positive} onChange={(v) => set("positive", v)} errors={errors.positive} disabled={busy} />
          <LinesField field="negative" label="Negative consequences" value={values.negative} onChange={(v) => set("negative", v)} errors={errors.negative} disabled={busy} />
        </div>
        <MarkdownField
          field="confirmation"
          label="Confirmation"
          value={values.confirmation}
          onChange={(v) => set("confirmation", v)}
          placeholder="How compliance will be checked: a policy rule, an SLO, a review…"
          errors={errors.confirmation}
          disabled={busy}
        />
      </Section>

      <Section title="People">
        {tokenField("deciders")}
        <div className={css.twoCols}>
          {tokenField("consulted")}
          {tokenField("informed")}
        </div>
      </Section>

      <Section title="Links" hint="What this decision is about. It shows on those pages, and accepted decisions are drawn on their latency charts.">
        {tokenField("integrations", { suggestions: integrationKeys, hrefOf: integrationHref })}
        {tokenField("journeys", { suggestions: journeySlugs, hrefOf: journeyHref })}
      </Section>

      <div className={css.formActions}>
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {save.isPending ? "Saving…" : number === null ? "Save draft" : "Save changes"}
        </button>
        <Link className="btn" href={number === null ? "/decisions" : decisionHref(number)}>
          Cancel
        </Link>
        {save.isSuccess && (
          <span className="muted" role="status">
            Saved. Opening the record…
          </span>
        )}
        {number === null && !save.isSuccess && <span className={`field-hint ${css.formHint}`}>New records start as drafts; propose yours when it is ready for review.</span>}
      </div>
    </form>
  );
}
