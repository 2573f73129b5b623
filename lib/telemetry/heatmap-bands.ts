// Latency heatmap banding (pure): per-step histograms regrouped into a few log-spaced latency bands
// spanning the data's own range, so a bimodal distribution shows as two ridges. Every histogram
// bucket lands in exactly one band, so each column's counts add up to its calls exactly.
import { bucketValue, MIN_VALUE_MS, type Histogram } from "./histogram";

export const DEFAULT_BANDS = 24;

export interface HeatmapColumn {
  /** Start of the step (ms since the epoch). */
  t: number;
  count: number;
  /** Calls per band, lowest latency first; sums to `count`. */
  counts: number[];
}

export interface Banding {
  /** Band edges in ms, ascending: band i covers [edgesMs[i], edgesMs[i + 1]); one more edge than bands. */
  edgesMs: number[];
  columns: HeatmapColumn[];
  /** The largest count in any one cell, for the colour scale. */
  maxCount: number;
}

/**
 * Edges of `bands` log-spaced bands from `loMs` to `hiMs`. A degenerate range (one value, or
 * nothing above the zero bucket) is widened by 10 % either side so it still has width.
 */
export function bandEdges(loMs: number, hiMs: number, bands = DEFAULT_BANDS): number[] {
  let lo = Math.max(loMs, 0.001);
  let hi = Math.max(hiMs, lo);
  if (hi / lo < 1.2) {
    lo = lo / 1.1;
    hi = hi * 1.1;
  }
  const ratio = Math.log(hi / lo);
  return Array.from({ length: bands + 1 }, (_, i) => (i === bands ? hi : lo * Math.exp((ratio * i) / bands)));
}

/** The band a value falls into; values outside the edges (histogram rounding) go to the nearest end band. */
export function bandOf(edgesMs: number[], valueMs: number): number {
  const bands = edgesMs.length - 1;
  const lo = edgesMs[0]!;
  const hi = edgesMs[bands]!;
  if (valueMs <= lo) return 0;
  if (valueMs >= hi) return bands - 1;
  return Math.min(bands - 1, Math.max(0, Math.floor((bands * Math.log(valueMs / lo)) / Math.log(hi / lo))));
}

/** Regroups each step's histogram into bands over the observed min–max of the whole range. */
export function bandHistograms(steps: { t: number; histogram: Histogram }[], bands = DEFAULT_BANDS): Banding {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { histogram: h } of steps) {
    if (h.count === 0) continue;
    // The zero bucket (≤ 1 µs) sits in the lowest band; the range is set by what was measured above it.
    const indexes = Object.keys(h.buckets).map(Number);
    if (indexes.length === 0) continue;
    lo = Math.min(lo, h.minMs !== null && h.minMs > MIN_VALUE_MS ? h.minMs : bucketValue(Math.min(...indexes)));
    if (h.maxMs !== null) hi = Math.max(hi, h.maxMs);
  }
  if (!Number.isFinite(lo)) lo = hi = 1; // nothing measured above zero: any range will do
  const edgesMs = bandEdges(lo, hi, bands);
  let maxCount = 0;
  const columns = steps.map(({ t, histogram: h }) => {
    const counts = new Array<number>(bands).fill(0);
    counts[0]! += h.zero;
    for (const [index, n] of Object.entries(h.buckets)) counts[bandOf(edgesMs, bucketValue(Number(index)))]! += n;
    for (const c of counts) maxCount = Math.max(maxCount, c);
    return { t, count: h.count, counts };
  });
  return { edgesMs, columns, maxCount };
}
