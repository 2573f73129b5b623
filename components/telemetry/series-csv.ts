// The series a chart draws as CSV (pure): one row per point drawn, the time as ISO 8601 in the zone the
// reader chose, one column per series with its unit in the header, an empty cell where the line has a gap.
import { csvRow } from "@/lib/audit-log/csv";
import { isoInZone } from "@/lib/format/time";
import type { ChartPoint } from "./latency-data";

export interface CsvColumn<T> {
  /** The series' name as the legend says it. */
  name: string;
  unit: string;
  value: (point: T) => number | null | undefined;
}

export function seriesCsv<T extends { x: number }>(points: readonly T[], columns: readonly CsvColumn<T>[], zone: string): string {
  const header = csvRow([`time (${zone})`, ...columns.map((c) => `${c.name} (${c.unit})`)]);
  return header + points.map((p) => csvRow([isoInZone(p.x, zone), ...columns.map((c) => c.value(p) ?? null)])).join("");
}

/**
 * The columns of what the Latency tab draws: the percentile lines (and the previous period's p99 when
 * compared), calls per minute and the error rate, and retry amplification with the throttled share
 * when the retry chart is shown.
 */
export function latencyCsvColumns({ compare, retries }: { compare: boolean; retries: boolean }): CsvColumn<ChartPoint>[] {
  return [
    { name: "p50", unit: "ms", value: (p) => p.p50 },
    { name: "p95", unit: "ms", value: (p) => p.p95 },
    { name: "p99", unit: "ms", value: (p) => p.p99 },
    ...(compare ? [{ name: "p99, previous period", unit: "ms", value: (p: ChartPoint) => p.previousP99 }] : []),
    { name: "calls per minute", unit: "calls/min", value: (p) => p.callsPerMinute },
    { name: "error rate", unit: "%", value: (p) => p.errorRatePercent },
    ...(retries
      ? [
          { name: "retry amplification", unit: "attempts per call", value: (p: ChartPoint) => p.amplification },
          { name: "throttled", unit: "%", value: (p: ChartPoint) => p.throttledPercent },
        ]
      : []),
  ];
}

/** A file name that says what and when, safe on every file system. */
export function csvFileName(integrationKey: string, fromMs: number, toMs: number): string {
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, "");
  return `latency_${integrationKey.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80)}_${stamp(fromMs)}Z_${stamp(toMs)}Z.csv`;
}
