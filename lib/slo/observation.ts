// What telemetry shows about one integration point, as the observed-behaviour rules read it.
export interface Observation {
  /** p99 over the last 24 hours (ms), from the latency histograms. */
  p99Ms24h: number | null;
  calls24h: number;
  /** Availability over the SLO window: calls and errors. */
  windowCalls: number;
  windowErrors: number;
}
