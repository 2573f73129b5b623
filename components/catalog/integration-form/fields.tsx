"use client";
// The form's inputs: each reads and writes one path of the form values through context, carries an
// accessible label, and shows the issues reported for its path (by zod or by the server) beside it.
import { createContext, useContext, type ReactNode } from "react";
import css from "../catalog.module.css";
import { fieldId, getPath, type FlagPath, type FormValues, type TextPath } from "./form-values";

interface FormCtx {
  values: FormValues;
  set: (path: TextPath | FlagPath, value: string | boolean) => void;
  errors: Record<string, string[]>;
  disabled?: boolean;
}

const Ctx = createContext<FormCtx | null>(null);
export const FormProvider = Ctx.Provider;

export function useForm(): FormCtx {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("Form fields must be inside <FormProvider>");
  return ctx;
}

export interface Option {
  value: string;
  label: string;
  group?: string;
}

interface FieldProps {
  path: TextPath;
  label: string;
  hint?: ReactNode;
  full?: boolean;
}

/** Label, control, hint and errors, wired together with ids so assistive tech reads them as one. */
function Frame({ path, label, hint, full, children }: FieldProps & { children: (a11y: Record<string, string | boolean | undefined>) => ReactNode }) {
  const { errors } = useForm();
  const id = fieldId(path);
  const messages = errors[path] ?? [];
  const describedBy = [hint ? `${id}-hint` : "", messages.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`${css.field} ${full ? css.fieldFull : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": messages.length > 0 || undefined })}
      {messages.length > 0 && (
        <div id={`${id}-error`} className="field-error" data-testid={`error-${path}`}>
          {messages.join(" ")}
        </div>
      )}
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}

export function TextField({ placeholder, list, readOnly, type = "text", ...props }: FieldProps & { placeholder?: string; list?: string; readOnly?: boolean; type?: "text" | "url" | "date" }) {
  const { values, set, disabled } = useForm();
  return (
    <Frame {...props}>
      {(a11y) => (
        <input
          {...a11y}
          type={type}
          value={getPath(values, props.path) as string}
          onChange={(e) => set(props.path, e.target.value)}
          placeholder={placeholder}
          list={list}
          readOnly={readOnly}
          disabled={disabled}
          autoComplete="off"
        />
      )}
    </Frame>
  );
}

export function NumberField({ placeholder, step = "any", ...props }: FieldProps & { placeholder?: string; step?: string }) {
  const { values, set, disabled } = useForm();
  return (
    <Frame {...props}>
      {(a11y) => (
        <input
          {...a11y}
          type="number"
          inputMode="decimal"
          step={step}
          value={getPath(values, props.path) as string}
          onChange={(e) => set(props.path, e.target.value)}
          placeholder={placeholder}
          disabled={disabled}
        />
      )}
    </Frame>
  );
}

export function SelectField({ options, empty, ...props }: FieldProps & { options: readonly Option[]; empty?: string }) {
  const { values, set, disabled } = useForm();
  const groups = [...new Set(options.map((o) => o.group))];
  const render = (list: readonly Option[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <Frame {...props}>
      {(a11y) => (
        <select {...a11y} value={getPath(values, props.path) as string} onChange={(e) => set(props.path, e.target.value)} disabled={disabled}>
          {empty !== undefined && <option value="">{empty}</option>}
          {groups.length > 1 || groups[0] !== undefined
            ? groups.map((g) => (
                <optgroup key={g ?? ""} label={g ?? ""}>
                  {render(options.filter((o) => o.group === g))}
                </optgroup>
              ))
            : render(options)}
        </select>
      )}
    </Frame>
  );
}

export function CheckField({ path, label, hint }: { path: FlagPath; label: string; hint?: ReactNode }) {
  const { values, set, disabled } = useForm();
  const id = fieldId(path);
  return (
    <div className={css.field}>
      <label className={css.check} htmlFor={id}>
        <input id={id} type="checkbox" checked={getPath(values, path) as boolean} onChange={(e) => set(path, e.target.checked)} disabled={disabled} />
        {label}
      </label>
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}

/** Options from an enum, with readable labels where we have them. */
export function enumOptions<T extends string>(values: readonly T[], labels?: Partial<Record<T, string>>): Option[] {
  return values.map((v) => ({ value: v, label: labels?.[v] ?? v }));
}

export function Section({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className={css.fieldset}>
      <legend>{title}</legend>
      {hint && <p className={css.fieldsetHint}>{hint}</p>}
      <div className={css.grid}>{children}</div>
    </fieldset>
  );
}

export function Subgroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    // A visual heading only: as an aria label it would also match label queries for the fields inside.
    <div className={css.subgroup}>
      <p className={css.subgroupTitle}>{title}</p>
      <div className={css.grid}>{children}</div>
    </div>
  );
}
