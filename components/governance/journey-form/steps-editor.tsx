"use client";
// The journey's ordered steps: add one from the catalog's integration keys, move it, remove it.
import { useId, useState, type KeyboardEvent } from "react";
import { formatMs } from "../format";
import css from "../governance.module.css";

export interface StepOption {
  key: string;
  style: string;
  budgetP99Ms: number;
  synchronous: boolean;
}

interface Props {
  steps: string[];
  onChange: (steps: string[]) => void;
  options: StepOption[];
  /** Problems the API reported for the steps (path `steps` or `steps.N`). */
  error?: string;
}

export function StepsEditor({ steps, onChange, options, error }: Props) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const byKey = new Map(options.map((o) => [o.key, o]));

  function add() {
    const key = draft.trim();
    if (!key) return setProblem("Type or pick an integration key first");
    if (!byKey.has(key)) return setProblem(`${key} is not in the catalog`);
    if (steps.includes(key)) return setProblem(`${key} is already a step`);
    onChange([...steps, key]);
    setDraft("");
    setProblem(null);
  }

  function move(index: number, by: -1 | 1) {
    const next = [...steps];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChange(next);
  }

  // Enter in the picker adds the step; submitting the whole form from here would surprise.
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  }

  const message = problem ?? error;
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, display: "grid", gap: ".5rem" }}>
      <legend style={{ fontWeight: 500, marginBottom: ".3rem", padding: 0 }}>Steps, in the order the request flows</legend>
      {steps.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          No steps yet. Add the integration points the user&apos;s request passes through, first call first.
        </p>
      ) : (
        <ol className={css.steps} aria-label="Steps">
          {steps.map((key, i) => {
            const o = byKey.get(key);
            return (
              <li key={key} className={css.step} data-testid="form-step">
                <span className={css.stepIndex}>{i + 1}.</span>
                <span className={css.stepInfo}>
                  <span className={css.key}>{key}</span>
                  <span className="field-hint" style={{ display: "block" }}>
                    {o ? `${o.style} · p99 ${formatMs(o.budgetP99Ms)}${o.synchronous ? "" : " · off the critical path"}` : "not in the catalog"}
                  </span>
                </span>
                <span className={css.stepButtons}>
                  <button type="button" className="btn btn-sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${key} up`}>
                    ↑
                  </button>
                  <button type="button" className="btn btn-sm" disabled={i === steps.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${key} down`}>
                    ↓
                  </button>
                  <button type="button" className="btn btn-sm btn-danger" onClick={() => onChange(steps.filter((s) => s !== key))} aria-label={`Remove ${key}`}>
                    ✕
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <div className={css.addStep}>
        <label>
          Add step
          <input
            list={`${id}-keys`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder="checkout->payments:authorize"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={message ? true : undefined}
            aria-describedby={`${id}-msg`}
          />
        </label>
        <button type="button" className="btn" onClick={add}>
          Add step
        </button>
      </div>
      <datalist id={`${id}-keys`}>
        {options
          .filter((o) => !steps.includes(o.key))
          .map((o) => (
            <option key={o.key} value={o.key}>
              {`${o.style} · p99 ${formatMs(o.budgetP99Ms)}`}
            </option>
          ))}
      </datalist>
      <span id={`${id}-msg`} className={message ? "field-error" : "field-hint"} role={problem ? "alert" : undefined}>
        {message ?? "Pick from the list or type a key; sync and hybrid steps count against the budget, async ones run off the critical path."}
      </span>
    </fieldset>
  );
}
