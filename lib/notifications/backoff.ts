// When to try a delivery again: exponential backoff with full jitter, and a receiver's Retry-After.
// Pure: the caller passes the random source, so tests are seeded and the queue stays in charge of time.
import type { AttemptOutcome } from "./types";

export interface RetryPolicy {
  /** Attempts in all, the first one included; after the last failure the event is a dead letter. */
  maxAttempts: number;
  /** The ceiling of the first retry's delay; it doubles with each attempt. */
  baseMs: number;
  /** No single delay exceeds this (nor a receiver's Retry-After). */
  capMs: number;
}

/**
 * 8 attempts, 1 minute base, 1 hour cap. The 7 waits have ceilings 1, 2, 4, 8, 16, 32 and 60 (capped
 * from 64) minutes = 123 minutes; full jitter draws each wait uniformly below its ceiling, so the
 * expected span from the first attempt to the last is half that, 61.5 minutes ("about an hour"), and
 * never more than 123. A short outage (a deploy, a restart) is bridged by the early, dense retries.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 60_000, capMs: 3_600_000 };

/** The ceiling of the wait after `attemptsMade` attempts (≥ 1): min(cap, base·2^(attemptsMade−1)). */
export function retryCeilingMs(attemptsMade: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, Math.floor(attemptsMade) - 1);
  // 2^exponent overflows to Infinity for huge exponents; min() with the cap keeps it finite.
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/** Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): uniform in [0, ceiling). */
export function retryDelayMs(attemptsMade: number, policy: RetryPolicy, random: () => number): number {
  return Math.floor(random() * retryCeilingMs(attemptsMade, policy));
}

/** The expected time from the first attempt to the last when every attempt fails (for docs and tests). */
export function expectedSpanMs(policy: RetryPolicy): number {
  let total = 0;
  for (let made = 1; made < policy.maxAttempts; made++) total += retryCeilingMs(made, policy) / 2;
  return total;
}

/**
 * The wait before the next attempt after `outcome`, or null when there is none: the attempt
 * succeeded, the failure is permanent (a 4xx other than 408/429), or the attempts are used up
 * (the caller then records a dead letter). A receiver's Retry-After is honoured as a floor — never
 * retry sooner than asked — but capped at `capMs`, so a receiver asking for a week cannot park an
 * alert out of sight; the jittered backoff still applies above it, so a burst of 429s spreads out.
 */
export function delayFor(outcome: AttemptOutcome, attemptsMade: number, policy: RetryPolicy, random: () => number): number | null {
  if (outcome.ok || !outcome.retry || attemptsMade >= policy.maxAttempts) return null;
  const backoff = retryDelayMs(attemptsMade, policy, random);
  if (outcome.retryAfterMs === null) return backoff;
  return Math.min(policy.capMs, Math.max(backoff, Math.max(0, outcome.retryAfterMs)));
}
