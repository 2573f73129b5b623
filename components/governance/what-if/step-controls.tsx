"use client";
// One step's what-if controls: each left at "declared" changes nothing; every other value becomes a
// field of the step's change.
import { styles } from "@/lib/catalog/integration-schema";
import type { StepChange } from "@/lib/governance/simulate/scenario-schema";
import css from "./what-if.module.css";

export interface WhatIfStep {
  key: string;
  style: string;
  budgetP99Ms: number;
  timeoutMs: number | null;
  maxAttempts: number;
  breaker: boolean;
  fallback: boolean;
}

type Field = Exclude<keyof StepChange, "integration">;
const BREAKERS = {
  strict: { failureRatePercent: 25, minimumCalls: 10, openMs: 10_000 },
  usual: { failureRatePercent: 50, minimumCalls: 20, openMs: 30_000 },
};

export function StepControls({ step, position, change, onChange }: { step: WhatIfStep; position: number; change: StepChange | undefined; onChange: (field: Field, value: StepChange[Field] | undefined) => void }) {
  const c = change ?? { integration: step.key };
  const changed = Object.keys(c).length > 1;
  const numberOr = (v: string) => (v.trim() === "" ? undefined : Number(v));
  const breakerValue = c.circuitBreaker === undefined ? "" : c.circuitBreaker === null ? "none" : c.circuitBreaker.failureRatePercent === 25 ? "strict" : "usual";
  const fallbackValue = c.fallback === undefined ? "" : c.fallback === null || c.fallback === false ? "none" : typeof c.fallback === "object" ? String(c.fallback.latencyMs) : "1";
  const id = (f: string) => `wi-${position}-${f}`;
  return (
    <details className={css.step} data-changed={changed} open={changed || undefined} data-testid="what-if-step">
      <summary>
        {position}. <span className="mono">{step.key}</span> {changed && <span className="badge">changed</span>}
      </summary>
      <div className={css.fields}>
        <label htmlFor={id("style")}>
          Style
          <select id={id("style")} value={c.style ?? ""} onChange={(e) => onChange("style", (e.target.value || undefined) as StepChange["style"])}>
            <option value="">declared ({step.style})</option>
            {styles.filter((s) => s !== step.style).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={id("timeout")}>
          Timeout (ms)
          <input id={id("timeout")} type="number" min={1} placeholder={step.timeoutMs == null ? "none declared" : `declared ${step.timeoutMs}`} value={c.timeoutMs ?? ""} onChange={(e) => onChange("timeoutMs", numberOr(e.target.value))} />
        </label>
        <label htmlFor={id("scale")} className={css.wide}>
          Latency × {c.latencyScale ?? 1}
          <input id={id("scale")} type="range" min={0.25} max={4} step={0.05} value={c.latencyScale ?? 1} onChange={(e) => onChange("latencyScale", Number(e.target.value) === 1 ? undefined : Number(e.target.value))} />
        </label>
        <label htmlFor={id("shift")}>
          Latency + (ms)
          <input id={id("shift")} type="number" step={1} placeholder="0" value={c.latencyShiftMs ?? ""} onChange={(e) => onChange("latencyShiftMs", numberOr(e.target.value))} />
        </label>
        <label htmlFor={id("errors")}>
          Error rate (%)
          <input id={id("errors")} type="number" min={0} max={100} step={0.1} placeholder="as observed" value={c.errorRatePercent ?? ""} onChange={(e) => onChange("errorRatePercent", numberOr(e.target.value))} />
        </label>
        <label htmlFor={id("attempts")}>
          Attempts
          <select id={id("attempts")} value={typeof c.retries === "number" ? String(c.retries) : c.retries === null ? "1" : ""} onChange={(e) => onChange("retries", e.target.value ? Number(e.target.value) : undefined)}>
            <option value="">declared ({step.maxAttempts})</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n === 1 ? "1 (no retries)" : n}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={id("breaker")}>
          Circuit breaker
          <select id={id("breaker")} value={breakerValue} onChange={(e) => onChange("circuitBreaker", e.target.value === "" ? undefined : e.target.value === "none" ? null : BREAKERS[e.target.value as keyof typeof BREAKERS])}>
            <option value="">declared ({step.breaker ? "on" : "none"})</option>
            <option value="none">none</option>
            <option value="usual">50 % over 20 calls, open 30 s</option>
            <option value="strict">25 % over 10 calls, open 10 s</option>
          </select>
        </label>
        <label htmlFor={id("fallback")} className={css.wide}>
          Fallback
          <select id={id("fallback")} value={fallbackValue} onChange={(e) => onChange("fallback", e.target.value === "" ? undefined : e.target.value === "none" ? null : { latencyMs: Number(e.target.value) })}>
            <option value="">declared ({step.fallback ? "yes, 1 ms" : "none"})</option>
            <option value="none">none</option>
            <option value="1">answers in 1 ms (local default)</option>
            <option value="20">answers in 20 ms (cache)</option>
          </select>
        </label>
      </div>
    </details>
  );
}
