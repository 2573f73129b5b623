"use client";
// A list of names, addresses or keys edited as chips: type and press Enter or comma, paste several
// at once, or pick a suggestion. What is still typed counts too (the form saves it with the chips).
import { useId, type ChangeEvent, type KeyboardEvent } from "react";
import css from "../decisions.module.css";
import { describedBy, FieldErrors } from "./fields";
import { fieldId, splitTokens } from "./form-values";

interface Props {
  field: string;
  label: string;
  hint: string;
  values: string[];
  draft: string;
  onChange: (values: string[], draft: string) => void;
  suggestions?: string[];
  placeholder?: string;
  errors: string[] | undefined;
  disabled: boolean;
  /** How a chip links somewhere (integration points and journeys have pages). */
  hrefOf?: (value: string) => string;
}

export function TokenField({ field, label, hint, values, draft, onChange, suggestions, placeholder, errors, disabled, hrefOf }: Props) {
  const id = fieldId(field);
  const listId = useId();

  const commit = (text: string) => {
    const added = splitTokens(text).filter((t) => !values.includes(t));
    if (added.length) onChange([...values, ...added.filter((t, i) => added.indexOf(t) === i)], "");
    else onChange(values, "");
  };

  function onInput(e: ChangeEvent<HTMLInputElement>) {
    const text = e.target.value;
    // A suggestion picked from the list (or a pasted exact key) arrives whole: make it a chip at once.
    if (suggestions?.includes(text.trim()) && text.length - draft.length > 1) return commit(text);
    if (/[,\n]/.test(text)) return commit(text);
    onChange(values, text);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter") {
      // Enter adds the chip; it must not submit the whole form half-written.
      e.preventDefault();
      if (draft.trim()) commit(draft);
    } else if (e.key === "Backspace" && draft === "" && values.length) {
      onChange(values.slice(0, -1), "");
    }
  }

  return (
    <div className={css.field}>
      <label htmlFor={id}>{label}</label>
      <div className={`${css.chips} ${errors?.length ? css.invalid : ""}`} data-testid="token-field" data-field={field}>
        {values.length > 0 && (
          <ul className={css.tags} style={{ display: "contents" }}>
            {values.map((v) => (
              <li key={v} className={css.chip} data-testid="token" data-value={v}>
                {hrefOf ? (
                  <a href={hrefOf(v)} target="_blank" rel="noopener noreferrer" className={field === "integrations" ? css.mono : undefined}>
                    {v}
                  </a>
                ) : (
                  <span>{v}</span>
                )}
                <button type="button" onClick={() => onChange(values.filter((x) => x !== v), draft)} disabled={disabled} title={`Remove ${v}`}>
                  <span aria-hidden>×</span>
                  <span className="sr-only">Remove {v}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          value={draft}
          onChange={onInput}
          onKeyDown={onKeyDown}
          onBlur={() => draft.trim() && commit(draft)}
          list={suggestions?.length ? listId : undefined}
          placeholder={values.length ? "Add another…" : placeholder}
          autoComplete="off"
          aria-describedby={describedBy(field, errors)}
          aria-invalid={errors?.length ? true : undefined}
          disabled={disabled}
        />
      </div>
      {suggestions?.length ? (
        <datalist id={listId}>
          {suggestions
            .filter((s) => !values.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      ) : null}
      <div id={`${id}-hint`} className="field-hint">
        {hint}
      </div>
      <FieldErrors field={field} messages={errors} />
    </div>
  );
}
