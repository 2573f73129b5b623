"use client";
// The integration-point form, for declaring a new one and for editing one. It validates with the
// same zod schema as the API before sending, shows every issue (its own or the server's) next to its
// field, and on edit guards against overwriting someone else's change with If-Match.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { ApiError } from "@/lib/client/fetch-json";
import { integrationSchema } from "@/lib/catalog/integration-schema";
import type { IntegrationView } from "@/lib/catalog/integrations";
import { patterns, patternView } from "@/lib/governance/patterns";
import { BasicsSection } from "./integration-form/basics-section";
import { BudgetSection } from "./integration-form/budget-section";
import { ContractSection, TagsSection, TelemetrySection } from "./integration-form/contract-section";
import { DescriptionSection } from "./integration-form/description-field";
import { FormProvider, type Option } from "./integration-form/fields";
import { emptyValues, fieldForIssue, fieldId, getPath, setPath, toInput, valuesFromView, withPattern, type FormValues } from "./integration-form/form-values";
import { PatternSection } from "./integration-form/pattern-section";
import { ResilienceSection } from "./integration-form/resilience-section";
import { ConsistencySection, IdempotencySection } from "./integration-form/semantics-section";
import { fieldLabel, integrationHref } from "./labels";
import { detailsOf, writeJson } from "./request";
import css from "./catalog.module.css";

export interface ServiceOption {
  slug: string;
  name: string;
  teamName: string;
  telemetryName: string;
}

interface Props {
  services: ServiceOption[];
  /** Services the user may use as the source (the source's team owns the integration). */
  sourceSlugs: string[];
  /** Editing: the declaration as loaded and its ETag, sent back as If-Match. */
  initial?: { view: IntegrationView; etag: string };
  prefill?: { sourceService?: string; targetService?: string };
}

type Problem = { path: string; message: string };

const patternViews = patterns.map(patternView);

function groupByField(problems: Problem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) (out[fieldForIssue(p.path)] ??= []).push(p.message);
  return out;
}

export function IntegrationForm({ services, sourceSlugs, initial, prefill }: Props) {
  const router = useRouter();
  const editing = !!initial;
  const telemetryNameOf = (slug: string) => services.find((s) => s.slug === slug)?.telemetryName;
  const [values, setValues] = useState<FormValues>(() => (initial ? valuesFromView(initial.view, telemetryNameOf) : emptyValues(prefill)));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  const toOption = (s: ServiceOption): Option => ({ value: s.slug, label: `${s.name} (${s.slug})`, group: s.teamName });
  // Keep the current source selectable when editing, even if the user could not pick it today.
  const sourceOptions = services.filter((s) => sourceSlugs.includes(s.slug) || s.slug === initial?.view.sourceService).map(toOption);
  const targetOptions = services.map(toOption);

  function show(found: Problem[]) {
    setProblems(found);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFailure(null);
    setConflict(false);
    const parsed = integrationSchema.safeParse(toInput(values));
    if (!parsed.success) {
      const seen = new Set<string>();
      show(
        parsed.error.issues.flatMap((i) => {
          const path = i.path.join(".");
          // One problem per field at a time: an empty input also fails its format rule, which adds nothing.
          if (seen.has(path)) return [];
          seen.add(path);
          // An untouched required input reads better as "Required" than as zod's type complaint.
          const blank = (i.code === "invalid_type" || i.code === "invalid_value") && getPath(values, fieldForIssue(path)) === "";
          return [{ path, message: blank ? "Required." : i.message }];
        }),
      );
      return;
    }
    setProblems([]);
    setSubmitting(true);
    try {
      const { data } = initial
        ? await writeJson<IntegrationView>(`/api/integrations/${encodeURIComponent(initial.view.key)}`, { method: "PATCH", body: parsed.data, ifMatch: initial.etag })
        : await writeJson<IntegrationView>("/api/integrations", { method: "POST", body: parsed.data });
      router.push(integrationHref(data.key));
      router.refresh();
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError && err.status === 409 && editing) {
        setConflict(true);
        requestAnimationFrame(() => conflictRef.current?.focus());
      }
      else if (err instanceof ApiError && err.status === 409) show([{ path: "key", message: err.message }]);
      else if (err instanceof ApiError && err.status === 422 && detailsOf(err).length) show(detailsOf(err));
      else setFailure(err instanceof Error ? err.message : "Saving failed");
    }
  }

  const errors = groupByField(problems);
  const set = (path: string, value: string | boolean) => setValues((v) => setPath(v, path, value));
  // A new declaration starts from the blueprint's defaults; an existing one only changes its pattern's name.
  const choosePattern = (name: string) => setValues((v) => (editing ? { ...v, pattern: name } : withPattern(v, name)));

  return (
    <FormProvider value={{ values, set, errors, disabled: submitting }}>
      <form className={css.form} onSubmit={onSubmit} noValidate aria-label={editing ? "Edit integration point" : "Declare integration point"}>
        {conflict && (
          <div ref={conflictRef} tabIndex={-1} className={`notice ${css.conflict}`} role="alert" data-testid="conflict-banner">
            <span>
              <strong>Someone changed this integration point since you opened it.</strong> Reload the latest version and apply your change again;
              saving now would overwrite theirs.
            </span>
            <button type="button" className="btn btn-sm" onClick={() => router.refresh()}>
              Reload latest
            </button>
          </div>
        )}
        {problems.length > 0 && (
          <div ref={summaryRef} tabIndex={-1} className={`notice ${css.errorSummary}`} role="alert" data-testid="form-errors">
            <strong>
              Fix {problems.length === 1 ? "this problem" : `these ${problems.length} problems`} before saving:
            </strong>
            <ul>
              {problems.map((p, i) => {
                const field = fieldForIssue(p.path);
                return (
                  <li key={i}>
                    {field ? <a href={`#${fieldId(field)}`}>{fieldLabel(field)}</a> : fieldLabel(p.path) || "Declaration"}: {p.message}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {failure && (
          <div className="notice notice-danger" role="alert">
            {failure}
          </div>
        )}
        {errors[""] && (
          <div className="notice notice-danger">{errors[""].join(" ")}</div>
        )}
        <PatternSection patterns={patternViews} editing={editing} onChoose={choosePattern} />
        <BasicsSection sourceOptions={sourceOptions} targetOptions={targetOptions} editing={editing} />
        <BudgetSection />
        <ConsistencySection />
        <IdempotencySection />
        <ResilienceSection />
        <ContractSection />
        <TelemetrySection telemetryNameOf={telemetryNameOf} />
        <TagsSection />
        <DescriptionSection />
        <div className={css.formActions}>
          <button type="submit" className="btn btn-primary" disabled={submitting} aria-busy={submitting}>
            {editing ? "Save changes" : "Create integration point"}
          </button>
          <Link className="btn btn-ghost" href={initial ? integrationHref(initial.view.key) : "/catalog"}>
            Cancel
          </Link>
          {submitting && <span className="muted" role="status">Saving…</span>}
        </div>
      </form>
    </FormProvider>
  );
}
