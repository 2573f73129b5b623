"use client";
// One policy rule: why it exists and how to fix what it finds; for architects, a switch and its thresholds.
import { useId, useState, type FormEvent } from "react";
import { ErrorNotice } from "@/components/ui/states";
import type { PolicyView } from "@/lib/governance/policies";
import { SeverityBadge } from "./badges";
import css from "./governance.module.css";
import { fieldErrors, useUpdatePolicy } from "./queries";

function EnabledSwitch({ policy }: { policy: PolicyView }) {
  const update = useUpdatePolicy();
  return (
    <>
      <label className={css.switch}>
        <input
          type="checkbox"
          role="switch"
          checked={update.isPending ? !policy.enabled : policy.enabled}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ rule: policy.id, enabled: e.target.checked })}
          // The name stays "Enabled" (the switch's state says on or off); the visible text says which.
          aria-label="Enabled"
        />
        <span aria-hidden>{(update.isPending ? !policy.enabled : policy.enabled) ? "Enabled" : "Switched off"}</span>
      </label>
      {update.error && <ErrorNotice error={update.error} />}
    </>
  );
}

function ThresholdsForm({ policy }: { policy: PolicyView }) {
  const id = useId();
  const update = useUpdatePolicy();
  const [draft, setDraft] = useState(() => Object.fromEntries(policy.thresholds.map((t) => [t.name, String(t.value)])));
  const problems = fieldErrors(update.error);
  const dirty = policy.thresholds.some((t) => draft[t.name] !== String(t.value));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    update.mutate({ rule: policy.id, thresholds: Object.fromEntries(policy.thresholds.map((t) => [t.name, Number(draft[t.name])])) });
  }

  return (
    <form onSubmit={onSubmit} aria-label={`Thresholds for ${policy.title}`} noValidate>
      <div className={css.thresholds}>
        {policy.thresholds.map((t) => {
          const problem = problems.find((p) => p.path === `thresholds.${t.name}`)?.message;
          return (
            <div key={t.name} className={css.field}>
              <label htmlFor={`${id}-${t.name}`}>{t.spec.description}</label>
              <span className={css.unitInput}>
                <input
                  id={`${id}-${t.name}`}
                  type="number"
                  name={t.name}
                  min={t.spec.min}
                  max={t.spec.max}
                  step={1}
                  required
                  value={draft[t.name] ?? ""}
                  onChange={(e) => setDraft({ ...draft, [t.name]: e.target.value })}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={`${id}-${t.name}-note`}
                />
                <span className="muted">{t.spec.unit}</span>
              </span>
              <span id={`${id}-${t.name}-note`} className={problem ? "field-error" : "field-hint"}>
                {problem ?? `Default ${t.spec.default}; between ${t.spec.min} and ${t.spec.max} ${t.spec.unit}`}
              </span>
            </div>
          );
        })}
      </div>
      <div className="row" style={{ marginTop: ".6rem" }}>
        <button className="btn btn-sm btn-primary" disabled={!dirty || update.isPending}>
          {update.isPending ? "Saving…" : "Save thresholds"}
        </button>
        {update.isSuccess && !dirty && (
          <span className="muted" role="status">
            Saved
          </span>
        )}
      </div>
      {update.error && problems.length === 0 && <ErrorNotice error={update.error} />}
    </form>
  );
}

export function PolicyCard({ policy, canEdit }: { policy: PolicyView; canEdit: boolean }) {
  const titleId = useId();
  return (
    <section className={`card ${css.policy}`} aria-labelledby={titleId} data-testid="policy" data-rule={policy.id} data-enabled={String(policy.enabled)}>
      <div className={css.policyHead}>
        <h3 id={titleId} className={css.policyTitle}>
          {policy.title}
        </h3>
        <SeverityBadge value={policy.severity} />
        <span className="muted mono">{policy.id}</span>
        <span className="spacer" />
        {canEdit ? <EnabledSwitch policy={policy} /> : <span className="badge">{policy.enabled ? "Enabled" : "Switched off"}</span>}
      </div>
      <p className={css.policyText}>{policy.rationale}</p>
      <p className={`${css.policyText} ${css.remediation}`}>
        <strong>Fix:</strong> {policy.remediation}
      </p>
      {policy.thresholds.length > 0 &&
        (canEdit ? (
          <ThresholdsForm policy={policy} />
        ) : (
          <dl className={css.thresholds}>
            {policy.thresholds.map((t) => (
              <div key={t.name}>
                <dt className="muted">{t.spec.description}</dt>
                <dd style={{ margin: 0 }} data-testid={`threshold-${t.name}`}>
                  <strong>{t.value}</strong> {t.spec.unit} <span className="field-hint">(default {t.spec.default})</span>
                </dd>
              </div>
            ))}
          </dl>
        ))}
    </section>
  );
}
