// What telemetry shows about one integration point, as the observed-behaviour rules read it.
export interface Observation {
  /** p99 over the last 24 hours (ms), from the latency histograms. */
  p99Ms24h: number | null;
  calls24h: number;
  /** Availability over the SLO window: calls and errors. */
  windowCalls: number;
  windowErrors: number;
  /** The daily-p99 trend (see the drift board); null without enough days of calls to fit one. */
  drift: ObservedDrift | null;
  /** Retries and throttling seen in the last 5 minutes and the last hour; absent when neither was seen. */
  retries?: ObservedRetries;
}

/** Calls and logical calls over one window (lib/telemetry/retries.ts has the grouping). */
export interface RetryWindow {
  calls: number;
  errors: number;
  throttled: number;
  logicalCalls: number;
  attempts: number;
  /** The most attempts one logical call took. */
  maxAttempts: number;
  /** Logical calls that took more than one attempt. */
  retriedCalls: number;
}

export interface ObservedRetries {
  last5m: RetryWindow;
  last1h: RetryWindow;
}

export interface ObservedDrift {
  /** Robust trend of daily p99, % per day. */
  slopePercentPerDay: number;
  /** p99 over the last 7 days (ms). */
  recent7dP99Ms: number | null;
  /** Days until the trend reaches the budget, null when not rising toward it or already over it. */
  daysToBreach: number | null;
  /** The first day (YYYY-MM-DD) the trend reaches the budget. */
  projectedBreachAt: string | null;
  /** Page–Hinkley change point (YYYY-MM-DD), when one was found. */
  driftingSince: string | null;
}
