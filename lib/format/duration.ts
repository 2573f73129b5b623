// The one way Edgewise writes a duration for people, on the server and in the browser alike:
// milliseconds under a second, seconds under a minute, minutes under an hour, then hours.
// - `formatDuration`, for what was measured: three significant figures (two below 1 ms), all a
//   percentile from histograms can promise — "0.42 ms", "12.3 ms", "250 ms", "1.25 s", "1 min".
// - `formatDurationExact`, for what was declared (budgets, timeouts, backoff): never rounded, so a
//   budget overrun of 1 ms still reads as one — "1.001 s", "1.5 min"; a value the larger unit can
//   only write with many decimals stays in the smaller one ("90.5 s").

interface Unit {
  unit: string;
  size: number;
  /** Values at or above this many of the unit move to the next one. */
  below: number;
  /** Decimals an exact value may carry in this unit. */
  decimals: number;
}
const UNITS: Unit[] = [
  { unit: "ms", size: 1, below: 1000, decimals: 3 },
  { unit: "s", size: 1000, below: 60, decimals: 3 },
  { unit: "min", size: 60_000, below: 60, decimals: 2 },
  { unit: "h", size: 3_600_000, below: Infinity, decimals: 2 },
];

const signed = (ms: number | null | undefined, positive: (ms: number) => string): string => {
  if (ms == null || !Number.isFinite(ms)) return "—";
  if (ms < 0) return `-${positive(-ms)}`;
  return ms === 0 ? "0 ms" : positive(ms);
};

/** A measured duration to three significant figures; "—" when there is none. */
export function formatDuration(ms: number | null | undefined): string {
  return signed(ms, (v) => {
    for (const { unit, size, below } of UNITS) {
      // Round first, then decide the unit: 999.7 ms is "1 s", not "1000 ms".
      const value = Number((v / size).toPrecision(v < 1 ? 2 : 3));
      if (value < below) return `${value} ${unit}`;
    }
    return `${v} ms`; // unreachable: the last unit has no upper bound
  });
}

/** A declared duration, exactly: the largest unit (up to hours) that writes it without rounding. */
export function formatDurationExact(ms: number | null | undefined): string {
  return signed(ms, (v) => {
    for (const { unit, size, decimals } of [...UNITS].reverse()) {
      if (v < size) continue;
      const value = Number((v / size).toFixed(decimals));
      if (Math.abs(value * size - v) < 1e-6) return `${value} ${unit}`;
    }
    return `${Number(v.toFixed(3))} ms`;
  });
}
