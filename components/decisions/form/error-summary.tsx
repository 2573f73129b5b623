"use client";
// The list of problems shown above the form after a failed save, each linking to its field.
import type { Ref } from "react";
import { fieldLabel } from "../labels";
import css from "../decisions.module.css";
import { fieldId } from "./form-values";

function labelOf(field: string): string {
  const option = /^options\.(\d+)\.(title|pros|cons)$/.exec(field);
  if (option) return `Option ${Number(option[1]) + 1} ${option[2] === "title" ? "name" : option[2]}`;
  if (field === "positive" || field === "negative") return fieldLabel(`consequences.${field}`);
  return fieldLabel(field);
}

interface Props {
  errors: Record<string, string[]>;
  /** The server's message when it refused without naming fields (a 403 or 409). */
  fallback: string | null;
  ref?: Ref<HTMLDivElement>;
}

export function ErrorSummary({ errors, fallback, ref }: Props) {
  const entries = Object.entries(errors).filter(([field]) => field !== "form");
  const general = [...(errors.form ?? []), ...(entries.length === 0 && fallback ? [fallback] : [])];
  if (entries.length === 0 && general.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className={`notice notice-danger ${css.summary}`} role="alert" data-testid="form-errors">
      <strong>{entries.length ? `Fix ${entries.length === 1 ? "this problem" : `these ${entries.length} problems`} before saving` : "The record was not saved"}</strong>
      <ul>
        {general.map((m) => (
          <li key={m}>{m}</li>
        ))}
        {entries.map(([field, messages]) => (
          <li key={field}>
            <a href={`#${fieldId(field === "options" ? "options.0.title" : field)}`}>{labelOf(field)}</a>: {messages.join(" ")}
          </li>
        ))}
      </ul>
    </div>
  );
}
