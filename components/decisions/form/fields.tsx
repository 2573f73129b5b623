"use client";
// The editor's building blocks: a section, a Markdown field with a preview, a one-item-per-line list,
// and the problems shown under a field.
import { plural } from "@/lib/format/plural";
import { useState, type ReactNode } from "react";
import { Markdown } from "@/components/catalog/markdown";
import css from "../decisions.module.css";
import { fieldId } from "./form-values";

export function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className={css.fieldset}>
      <legend>{title}</legend>
      {hint && <p className={css.fieldsetHint}>{hint}</p>}
      {children}
    </fieldset>
  );
}

export function FieldErrors({ field, messages }: { field: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <div id={`${fieldId(field)}-error`} className="field-error" data-testid="field-error" data-field={field}>
      {messages.join(" ")}
    </div>
  );
}

/** aria-describedby for a control: its hint, plus its problems when it has some. */
export const describedBy = (field: string, messages: string[] | undefined, hint = true) =>
  [hint ? `${fieldId(field)}-hint` : "", messages?.length ? `${fieldId(field)}-error` : ""].filter(Boolean).join(" ") || undefined;

interface MarkdownFieldProps {
  field: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  errors: string[] | undefined;
  disabled: boolean;
}

export function MarkdownField({ field, label, value, onChange, placeholder, errors, disabled }: MarkdownFieldProps) {
  const [preview, setPreview] = useState(false);
  const id = fieldId(field);
  return (
    <div className={css.field}>
      <div className={css.fieldHead}>
        <label htmlFor={id} id={`${id}-label`}>
          {label}
        </label>
        {/* Named by the label it describes, not labelled by it, so the label still finds only the text box. */}
        <button type="button" className="btn btn-sm" aria-pressed={preview} aria-describedby={`${id}-label`} onClick={() => setPreview(!preview)}>
          {preview ? "Write" : "Preview"}
        </button>
      </div>
      {preview ? (
        <div className={css.preview} data-testid="markdown-preview" data-field={field}>
          {value.trim() ? <Markdown>{value}</Markdown> : <p className="muted">Nothing to preview yet.</p>}
        </div>
      ) : (
        <textarea
          id={id}
          className={`${css.textarea} ${errors?.length ? css.invalid : ""}`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          aria-describedby={describedBy(field, errors)}
          aria-invalid={errors?.length ? true : undefined}
          disabled={disabled}
        />
      )}
      <div id={`${id}-hint`} className="field-hint">
        Markdown: **bold**, lists, links, tables, code. HTML shows as plain text.
      </div>
      <FieldErrors field={field} messages={errors} />
    </div>
  );
}

interface LinesFieldProps {
  field: string;
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  errors: string[] | undefined;
  disabled: boolean;
}

/** A list of short sentences, one per line: quicker to write and reorder than a control per item. */
export function LinesField({ field, label, value, onChange, placeholder, errors, disabled }: LinesFieldProps) {
  const id = fieldId(field);
  const count = value.split("\n").filter((l) => l.trim()).length;
  return (
    <div className={css.field}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className={`${css.linesArea} ${errors?.length ? css.invalid : ""}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        rows={Math.min(Math.max(count + 1, 3), 12)}
        aria-describedby={describedBy(field, errors)}
        aria-invalid={errors?.length ? true : undefined}
        disabled={disabled}
      />
      <div id={`${id}-hint`} className="field-hint">
        One per line{count ? ` · ${plural(count, "item")}` : ""}
      </div>
      <FieldErrors field={field} messages={errors} />
    </div>
  );
}
