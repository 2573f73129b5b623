"use client";
// The description: Markdown, with a preview rendered exactly as the detail page will show it.
import { useState } from "react";
import { Markdown } from "../markdown";
import css from "../catalog.module.css";
import { fieldId } from "./form-values";
import { Section, useForm } from "./fields";

export function DescriptionSection() {
  const { values, set, errors, disabled } = useForm();
  const [preview, setPreview] = useState(false);
  const id = fieldId("description");
  const messages = errors.description ?? [];
  return (
    <Section title="Description">
      <div className={`${css.field} ${css.fieldFull}`}>
        <div className="row">
          <label htmlFor={id}>Description</label>
          <span className="spacer" />
          <button type="button" className="btn btn-sm" aria-pressed={preview} onClick={() => setPreview(!preview)}>
            {preview ? "Write" : "Preview"}
          </button>
        </div>
        {preview ? (
          <div className={css.previewBox} data-testid="description-preview">
            {values.description.trim() ? <Markdown>{values.description}</Markdown> : <p className="muted">Nothing to preview yet.</p>}
          </div>
        ) : (
          <textarea
            id={id}
            className={css.textarea}
            value={values.description}
            onChange={(e) => set("description", e.target.value)}
            placeholder="Why this integration exists, what it carries, and anything a reviewer should know. Markdown works."
            aria-describedby={`${id}-hint${messages.length ? ` ${id}-error` : ""}`}
            aria-invalid={messages.length > 0 || undefined}
            disabled={disabled}
          />
        )}
        <div id={`${id}-hint`} className="field-hint">
          Markdown: **bold**, lists, links, tables. Raw HTML is shown as text.
        </div>
        {messages.length > 0 && (
          <div id={`${id}-error`} className="field-error">
            {messages.join(" ")}
          </div>
        )}
      </div>
    </Section>
  );
}
