"use client";
// Preset ranges that end now, and a custom from–to (UTC) checked before it is applied.
import { useState, type FormEvent } from "react";
import { PRESET_NAMES, validateCustom, type TimeRange } from "./time-range";
import css from "./telemetry.module.css";

const toInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const fromInput = (v: string) => (v ? Date.parse(`${v}:00Z`) : Number.NaN);

export function RangePicker({ range, resolved, onChange }: { range: TimeRange; resolved: { fromMs: number; toMs: number }; onChange: (r: TimeRange) => void }) {
  const [open, setOpen] = useState(range.kind === "custom");
  const [from, setFrom] = useState(toInput(resolved.fromMs));
  const [to, setTo] = useState(toInput(resolved.toMs));
  const [error, setError] = useState<string | null>(null);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const problem = validateCustom(fromInput(from), fromInput(to), Date.now());
    setError(problem);
    if (!problem) onChange({ kind: "custom", fromMs: fromInput(from), toMs: fromInput(to) });
  };
  return (
    <div className={css.picker}>
      <div className="row" role="group" aria-label="Time range">
        {PRESET_NAMES.map((p) => {
          const active = range.kind === "preset" && range.preset === p;
          return (
            <button key={p} type="button" className={`btn btn-sm ${active ? "btn-primary" : ""}`} aria-pressed={active} onClick={() => onChange({ kind: "preset", preset: p })}>
              {p}
            </button>
          );
        })}
        <button
          type="button"
          className={`btn btn-sm ${range.kind === "custom" ? "btn-primary" : ""}`}
          aria-pressed={range.kind === "custom"}
          aria-expanded={open}
          onClick={() => {
            setFrom(toInput(resolved.fromMs));
            setTo(toInput(resolved.toMs));
            setOpen(!open);
          }}
        >
          Custom…
        </button>
      </div>
      {open && (
        <form className={css.customRange} onSubmit={apply} aria-label="Custom range" noValidate>
          <label>
            From (UTC)
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={!!error} />
          </label>
          <label>
            To (UTC)
            <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={!!error} />
          </label>
          <button type="submit" className="btn btn-sm btn-primary">
            Apply
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
