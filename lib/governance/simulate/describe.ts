// Scenario changes in words (pure): "timeout 300 ms, 2 attempts, async-event". Used in evidence
// titles, the MADR export and the what-if page.
import type { StepChange } from "./scenario-schema";

export function describeChange(c: StepChange): string {
  const parts: string[] = [];
  if (c.style !== undefined) parts.push(`style → ${c.style}`);
  if (c.latencyScale !== undefined && c.latencyScale !== 1) parts.push(`latency × ${c.latencyScale}`);
  if (c.latencyShiftMs !== undefined && c.latencyShiftMs !== 0) parts.push(`latency ${c.latencyShiftMs > 0 ? "+" : "−"} ${Math.abs(c.latencyShiftMs)} ms`);
  if (c.errorRatePercent !== undefined) parts.push(`errors ${c.errorRatePercent} %`);
  if (c.timeoutMs !== undefined) parts.push(c.timeoutMs === null ? "no timeout" : `timeout ${c.timeoutMs} ms`);
  if (c.retries !== undefined) {
    const attempts = c.retries === null ? 1 : typeof c.retries === "number" ? c.retries : c.retries.maxAttempts;
    parts.push(attempts <= 1 ? "no retries" : `${attempts} attempts`);
  }
  if (c.circuitBreaker !== undefined) parts.push(c.circuitBreaker === null ? "no breaker" : `breaker at ${c.circuitBreaker.failureRatePercent} % over ${c.circuitBreaker.minimumCalls} calls`);
  if (c.fallback !== undefined) parts.push(c.fallback === null || c.fallback === false ? "no fallback" : typeof c.fallback === "object" ? `fallback ${c.fallback.latencyMs} ms` : "fallback");
  return `${c.integration}: ${parts.join(", ") || "no change"}`;
}

export const describeScenario = (changes: StepChange[]) => (changes.length ? changes.map(describeChange).join("; ") : "baseline only (no changes)");
