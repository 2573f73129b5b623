"use client";
// Considered options: each a card with its name, pros and cons; added, removed and reordered here.
import css from "../decisions.module.css";
import { describedBy, FieldErrors, LinesField } from "./fields";
import { fieldId, newOption, type OptionValues } from "./form-values";

interface Props {
  options: OptionValues[];
  onChange: (options: OptionValues[]) => void;
  errors: Record<string, string[]>;
  disabled: boolean;
}

export function OptionsEditor({ options, onChange, errors, disabled }: Props) {
  const update = (i: number, patch: Partial<OptionValues>) => onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...options];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    onChange(next);
  };

  return (
    <>
      {options.length === 0 && <p className="muted" style={{ margin: 0 }}>No options yet. Name each alternative you weighed, including the one you chose.</p>}
      {options.map((o, i) => {
        const field = `options.${i}.title`;
        const titleErrors = errors[field];
        return (
          <div key={o.id} className={css.optionCard} data-testid="option-editor">
            <div className={css.optionHead}>
              <div className={css.field}>
                {/* "Name", not "title": the record's own Title field must stay the only one labelled so. */}
                <label htmlFor={fieldId(field)}>Name of option {i + 1}</label>
                <input
                  id={fieldId(field)}
                  value={o.title}
                  onChange={(e) => update(i, { title: e.target.value })}
                  placeholder="e.g. Asynchronous authorization via Kafka"
                  className={titleErrors?.length ? css.invalid : undefined}
                  aria-describedby={describedBy(field, titleErrors, false)}
                  aria-invalid={titleErrors?.length ? true : undefined}
                  disabled={disabled}
                />
              </div>
              <button type="button" className="btn btn-sm" onClick={() => move(i, -1)} disabled={disabled || i === 0} title="Move up">
                <span aria-hidden>↑</span>
                <span className="sr-only">Move option {i + 1} up</span>
              </button>
              <button type="button" className="btn btn-sm" onClick={() => move(i, 1)} disabled={disabled || i === options.length - 1} title="Move down">
                <span aria-hidden>↓</span>
                <span className="sr-only">Move option {i + 1} down</span>
              </button>
              <button type="button" className="btn btn-sm btn-danger" onClick={() => onChange(options.filter((_, j) => j !== i))} disabled={disabled}>
                Remove<span className="sr-only"> option {i + 1}</span>
              </button>
            </div>
            <FieldErrors field={field} messages={titleErrors} />
            <div className={css.twoCols}>
              <LinesField
                field={`options.${i}.pros`}
                label={<>Pros<span className="sr-only"> of option {i + 1}</span></>}
                value={o.pros}
                onChange={(pros) => update(i, { pros })}
                placeholder="Good, because…"
                errors={errors[`options.${i}.pros`]}
                disabled={disabled}
              />
              <LinesField
                field={`options.${i}.cons`}
                label={<>Cons<span className="sr-only"> of option {i + 1}</span></>}
                value={o.cons}
                onChange={(cons) => update(i, { cons })}
                placeholder="Bad, because…"
                errors={errors[`options.${i}.cons`]}
                disabled={disabled}
              />
            </div>
          </div>
        );
      })}
      <div>
        <button type="button" className="btn" onClick={() => onChange([...options, newOption()])} disabled={disabled || options.length >= 20}>
          + Add option
        </button>
      </div>
      <FieldErrors field="options" messages={errors.options} />
    </>
  );
}
