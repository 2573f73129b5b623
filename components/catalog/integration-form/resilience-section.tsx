"use client";
// Resilience: how the caller bounds the damage when the target is slow or failing.
import { backoffs, MAX_RETRY_ATTEMPTS } from "@/lib/catalog/integration-schema";
import { CheckField, enumOptions, NumberField, Section, SelectField, Subgroup, TextField, useForm } from "./fields";

export function ResilienceSection() {
  const { values } = useForm();
  const r = values.resilience;
  return (
    <Section title="Resilience">
      <NumberField path="resilience.timeoutMs" label="Timeout (ms)" hint="A sync call without a timeout waits as long as the target does." />
      <NumberField path="resilience.concurrencyLimit" label="Concurrency limit" step="1" placeholder="optional" />
      <TextField path="resilience.fallback" label="Fallback" placeholder="What the caller does when this fails" full />
      <div className="row" style={{ gridColumn: "1 / -1", gap: "1.5rem" }}>
        <CheckField path="resilience.retriesDeclared" label="Retries" />
        <CheckField path="resilience.breakerDeclared" label="Circuit breaker" />
      </div>
      {r.retriesDeclared && (
        <Subgroup title="Retries">
          <NumberField path="resilience.retries.maxAttempts" label="Max attempts" step="1" hint={`1 to ${MAX_RETRY_ATTEMPTS}, including the first call.`} />
          <SelectField path="resilience.retries.backoff" label="Backoff" options={enumOptions(backoffs)} />
          <NumberField path="resilience.retries.baseDelayMs" label="Base delay (ms)" />
          <NumberField path="resilience.retries.maxDelayMs" label="Max delay (ms)" />
          <CheckField path="resilience.retries.jitter" label="Jitter" hint="Spreads retries so callers do not retry in lockstep." />
        </Subgroup>
      )}
      {r.breakerDeclared && (
        <Subgroup title="Circuit breaker">
          <NumberField path="resilience.circuitBreaker.failureRatePercent" label="Breaker failure rate (%)" hint="Opens above this failure rate." />
          <NumberField path="resilience.circuitBreaker.minimumCalls" label="Breaker minimum calls" step="1" />
          <NumberField path="resilience.circuitBreaker.openMs" label="Breaker open time (ms)" />
        </Subgroup>
      )}
    </Section>
  );
}
