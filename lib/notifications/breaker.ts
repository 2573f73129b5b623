// A circuit breaker per channel, as pure state transitions: the queue persists the state and asks
// before each attempt, so events wait while a destination is down instead of burning their attempts.
export interface BreakerPolicy {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one half-open probe is let through. */
  openMs: number;
}

export const DEFAULT_BREAKER_POLICY: BreakerPolicy = { failureThreshold: 5, openMs: 60_000 };

export interface BreakerState {
  state: "closed" | "open" | "half-open";
  consecutiveFailures: number;
  /** When it opened — or, while half-open, when the probe was let through. */
  openedAt: Date | null;
}

export const CLOSED: BreakerState = { state: "closed", consecutiveFailures: 0, openedAt: null };

export function onSuccess(_s: BreakerState): BreakerState {
  return CLOSED;
}

/** A failed attempt. A failed probe reopens the breaker for another `openMs`. */
export function onFailure(s: BreakerState, now: Date, policy: BreakerPolicy): BreakerState {
  const consecutiveFailures = s.consecutiveFailures + 1;
  if (s.state === "half-open") return { state: "open", consecutiveFailures, openedAt: now };
  // A late failure of an attempt started before the breaker opened keeps the original opening time.
  if (s.state === "open") return { ...s, consecutiveFailures };
  if (consecutiveFailures >= policy.failureThreshold) return { state: "open", consecutiveFailures, openedAt: now };
  return { state: "closed", consecutiveFailures, openedAt: null };
}

/**
 * May an attempt start now? Closed: yes. Open: no until `openMs` have passed, then yes as the one
 * probe — the caller records it with `beginProbe` (in the same conditional write that claims the
 * attempt, so two workers cannot both probe). Half-open: no while the probe is out; a probe that
 * never reported back (its process died) is presumed lost after another `openMs` and replaced.
 */
export function mayAttempt(s: BreakerState, now: Date, policy: BreakerPolicy): { allowed: boolean; probe: boolean } {
  if (s.state === "closed") return { allowed: true, probe: false };
  const since = s.openedAt ? now.getTime() - s.openedAt.getTime() : Infinity;
  if (since >= policy.openMs) return { allowed: true, probe: true };
  return { allowed: false, probe: false };
}

/** The state to store when `mayAttempt` answered `probe: true` and the probe is sent. */
export function beginProbe(s: BreakerState, now: Date): BreakerState {
  return { state: "half-open", consecutiveFailures: s.consecutiveFailures, openedAt: now };
}

/** When the next attempt may start (null: now). For scheduling waiting events instead of polling. */
export function reopensAt(s: BreakerState, policy: BreakerPolicy): Date | null {
  if (s.state === "closed" || !s.openedAt) return null;
  return new Date(s.openedAt.getTime() + policy.openMs);
}
