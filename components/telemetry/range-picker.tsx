"use client";
// Preset ranges that end now, and a custom from–to, written and read in the reader's chosen zone (as the
// chart axes are), checked before it is applied.
import { useState, type FormEvent } from "react";
import { useTimeZone } from "@/components/ui/time-zone";
import { wallToInstant, zoneClock, zoneLabel } from "@/lib/format/time";
import { PRESET_NAMES, validateCustom, type TimeRange } from "./time-range";
import css from "./telemetry.module.css";

export function RangePicker({ range, resolved, onChange }: { range: TimeRange; resolved: { fromMs: number; toMs: number }; onChange: (r: TimeRange) => void }) {
  const { zone } = useTimeZone();
  const toInput = (ms: number) => zoneClock(ms, zone).wall.slice(0, 16);
  const fromInput = (v: string) => wallToInstant(v, zone);
  const [open, setOpen] = useState(range.kind === "custom");
  // What was typed, kept only while the zone and the range it was typed against stay: the server renders in
  // UTC before the browser's zone is known, and a zoom or an applied range moves the shown range.
  const basis = `${zone} ${range.kind === "custom" ? `${range.fromMs}-${range.toMs}` : range.preset}`;
  const [draft, setDraft] = useState<{ basis: string; from: string; to: string } | null>(null);
  const typed = draft?.basis === basis ? draft : null;
  const from = typed?.from ?? toInput(resolved.fromMs);
  const to = typed?.to ?? toInput(resolved.toMs);
  const edit = (field: "from" | "to", value: string) => setDraft({ basis, from, to, [field]: value });
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
            setDraft(null);
            setOpen(!open);
          }}
        >
          Custom…
        </button>
      </div>
      {open && (
        <form className={css.customRange} onSubmit={apply} aria-label="Custom range" noValidate>
          <label>
            From ({zoneLabel(fromInput(from) || resolved.fromMs, zone)})
            <input type="datetime-local" value={from} onChange={(e) => edit("from", e.target.value)} aria-invalid={!!error} />
          </label>
          <label>
            To ({zoneLabel(fromInput(to) || resolved.toMs, zone)})
            <input type="datetime-local" value={to} onChange={(e) => edit("to", e.target.value)} aria-invalid={!!error} />
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
