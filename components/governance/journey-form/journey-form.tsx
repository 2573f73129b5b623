"use client";
// Create or edit a journey: who owns it, its end-to-end p99 budget and its ordered steps. The API
// validates; its 422 details appear beside the fields they name.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { ErrorNotice } from "@/components/ui/states";
import { formatMs, journeyHref, slackWording } from "../format";
import css from "../governance.module.css";
import { fieldErrors, useDeleteJourney, useSaveJourney } from "../queries";
import { StepsEditor, type StepOption } from "./steps-editor";

export interface JourneyFormValues {
  slug: string;
  name: string;
  team: string;
  criticality: string;
  budgetP99Ms: number | null;
  description: string;
  steps: string[];
}

interface Props {
  initial: JourneyFormValues;
  /** The slug of the journey being edited; absent when creating one. */
  existing?: string;
  teams: { slug: string; name: string }[];
  stepOptions: StepOption[];
  criticalities: readonly string[];
}

interface Control {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/** A label, its control and a hint or the API's error; the error is not part of the control's name. */
function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: (control: Control) => ReactNode }) {
  const id = useId();
  const note = error ?? hint;
  return (
    <div className={css.field}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": note ? `${id}-note` : undefined, "aria-invalid": error ? true : undefined })}
      {note && (
        <span id={`${id}-note`} className={error ? "field-error" : "field-hint"}>
          {note}
        </span>
      )}
    </div>
  );
}

export function JourneyForm({ initial, existing, teams, stepOptions, criticalities }: Props) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [budget, setBudget] = useState(initial.budgetP99Ms == null ? "" : String(initial.budgetP99Ms));
  const save = useSaveJourney(existing);
  const remove = useDeleteJourney();
  // Fields changed since the last attempt: their old errors no longer describe what is in them.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const touch = (field: string) => setEdited((e) => (e.has(field) ? e : new Set(e).add(field)));
  const set = <K extends keyof JourneyFormValues>(key: K, value: JourneyFormValues[K]) => {
    touch(key);
    setValues((v) => ({ ...v, [key]: value }));
  };

  // `steps.3` and `steps` both belong beside the steps editor.
  const problems = fieldErrors(save.error).filter((p) => !edited.has(p.path.split(".")[0] ?? ""));
  const errorFor = (field: string) => {
    const message = problems.find((p) => p.path === field || p.path.startsWith(`${field}.`))?.message;
    // An empty team fails the API's slug check; say what is actually missing.
    return field === "team" && message && !values.team ? "Choose the team that owns this journey" : message;
  };
  const unplaced = problems.filter((p) => !["slug", "name", "team", "criticality", "budgetP99Ms", "description", "steps"].includes(p.path.split(".")[0] ?? ""));

  // A live preview of the composition, so the budget can be set against the steps as they are chosen.
  const byKey = new Map(stepOptions.map((o) => [o.key, o]));
  const syncTotalMs = values.steps.reduce((sum, k) => sum + (byKey.get(k)?.synchronous ? (byKey.get(k)?.budgetP99Ms ?? 0) : 0), 0);
  const budgetMs = Number(budget);
  const preview = budget !== "" && Number.isFinite(budgetMs) && values.steps.length ? slackWording(budgetMs - syncTotalMs) : null;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setEdited(new Set());
    const saved = await save
      .mutateAsync({ ...values, budgetP99Ms: budget.trim() === "" ? Number.NaN : Number(budget) })
      .catch(() => null);
    if (saved) router.push(journeyHref(saved.slug));
  }

  async function onDelete() {
    if (!existing || !confirm(`Delete the journey ${values.name}? Its steps stay in the catalog.`)) return;
    const ok = await remove.mutateAsync(existing).then(() => true).catch(() => false);
    if (ok) router.push("/journeys");
  }

  return (
    <form className={`card ${css.form}`} onSubmit={onSubmit} aria-label={existing ? "Edit journey" : "New journey"} noValidate>
      <div className="form-grid">
        <Field label="Name" error={errorFor("name")}>
          {(c) => <input {...c} value={values.name} onChange={(e) => set("name", e.target.value)} required maxLength={100} placeholder="Place order" />}
        </Field>
        <Field label="Slug" error={errorFor("slug")} hint={existing ? "Fixed once created (it is the journey's address)" : "Lowercase letters, digits and hyphens"}>
          {(c) => (
            <input
              {...c}
              value={values.slug}
              onChange={(e) => set("slug", e.target.value)}
              required
              disabled={!!existing}
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              placeholder="place-order"
              className="mono"
            />
          )}
        </Field>
        <Field label="Owner team" error={errorFor("team")}>
          {(c) => (
            <select {...c} value={values.team} onChange={(e) => set("team", e.target.value)} required>
              {!values.team && <option value="">Choose a team…</option>}
              {teams.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Criticality" error={errorFor("criticality")}>
          {(c) => (
            <select {...c} value={values.criticality} onChange={(e) => set("criticality", e.target.value)}>
              {criticalities.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Budget p99 (ms)" error={errorFor("budgetP99Ms")} hint="End to end, as the user experiences it">
          {(c) => <input {...c} type="number" inputMode="numeric" min={1} max={600000} step={1} value={budget} onChange={(e) => {
                touch("budgetP99Ms");
                setBudget(e.target.value);
              }} required placeholder="1200" />}
        </Field>
      </div>
      <Field label="Description" error={errorFor("description")} hint="Markdown: where the journey starts and ends, and why its budget is what it is">
        {(c) => <textarea {...c} rows={3} value={values.description} onChange={(e) => set("description", e.target.value)} />}
      </Field>
      <StepsEditor steps={values.steps} onChange={(steps) => set("steps", steps)} options={stepOptions} error={errorFor("steps")} />
      {preview && (
        <p className="muted" role="status" style={{ margin: 0 }}>
          Synchronous steps add up to {formatMs(syncTotalMs)}: <span className={preview.over ? css.over : css.slack}>{preview.text}</span>
        </p>
      )}
      {save.error && fieldErrors(save.error).length === 0 && <ErrorNotice error={save.error} />}
      {unplaced.length > 0 && (
        <ErrorNotice error={new Error(unplaced.map((p) => `${p.path}: ${p.message}`).join("; "))} />
      )}
      {problems.length > unplaced.length && (
        <div className="notice notice-danger" role="alert">
          Some fields need attention; the messages beside them say what to change.
        </div>
      )}
      <div className={css.formActions}>
        <button className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : existing ? "Save journey" : "Create journey"}
        </button>
        <Link className="btn btn-ghost" href={existing ? journeyHref(existing) : "/journeys"}>
          Cancel
        </Link>
        {existing && (
          <>
            <span className="spacer" />
            <button type="button" className="btn btn-danger" onClick={onDelete} disabled={remove.isPending}>
              {remove.isPending ? "Deleting…" : "Delete journey"}
            </button>
          </>
        )}
      </div>
      {remove.error && <ErrorNotice error={remove.error} />}
    </form>
  );
}
