"use client";
// "Start from a pattern": choosing a blueprint on a new declaration fills every design field from its
// defaults (each stays editable); on an existing one it only names the pattern, keeping the fields.
import type { PatternView } from "@/lib/governance/patterns";
import css from "../catalog.module.css";
import { fieldId } from "./form-values";
import { useForm } from "./fields";

export function PatternSection({ patterns, editing, onChoose }: { patterns: PatternView[]; editing: boolean; onChoose: (name: string) => void }) {
  const { values, errors, disabled } = useForm();
  const messages = errors.pattern ?? [];
  const chosen = patterns.find((p) => p.name === values.pattern);
  const id = fieldId("pattern");
  return (
    <fieldset className={css.fieldset}>
      <legend>{editing ? "Pattern" : "Start from a pattern"}</legend>
      <p className={css.fieldsetHint}>
        {editing
          ? "The design this integration follows. Changing it keeps the fields as they are; the pattern-honoured rule reports any that contradict it."
          : "A blueprint fills style, protocol, budgets, semantics, resilience and contract with the defaults an experienced architect would start from. Adjust any field afterwards."}
      </p>
      <div className={css.grid}>
        <div className={`${css.field} ${css.fieldFull}`}>
          <label htmlFor={id}>Pattern</label>
          <select id={id} aria-describedby={`${id}-hint`} aria-invalid={messages.length > 0 || undefined} value={values.pattern} onChange={(e) => onChoose(e.target.value)} disabled={disabled}>
            <option value="">{editing ? "None" : "None — declare every field myself"}</option>
            {patterns.map((p) => (
              <option key={p.name} value={p.name}>
                {p.title}
              </option>
            ))}
          </select>
          {messages.length > 0 && (
            <div className="field-error" data-testid="error-pattern">
              {messages.join(" ")}
            </div>
          )}
          <div id={`${id}-hint`} className="field-hint" data-testid="pattern-summary">
            {chosen ? chosen.summary : "Optional."}
          </div>
          {chosen && (
            <details className={css.patternDetails}>
              <summary>When to use it, and what it costs</summary>
              <p><strong>Use when</strong></p>
              <ul>{chosen.whenToUse.map((l) => <li key={l}>{l}</li>)}</ul>
              <p><strong>Avoid when</strong></p>
              <ul>{chosen.avoidWhen.map((l) => <li key={l}>{l}</li>)}</ul>
              <p><strong>Gains</strong></p>
              <ul>{chosen.gains.map((l) => <li key={l}>{l}</li>)}</ul>
              <p><strong>Costs</strong></p>
              <ul>{chosen.costs.map((l) => <li key={l}>{l}</li>)}</ul>
              <p className="muted">Its defaults pass {chosen.satisfies.length} policy rules: {chosen.satisfies.join(", ")}.</p>
            </details>
          )}
        </div>
      </div>
    </fieldset>
  );
}
