import { describe, expect, it } from "vitest";
import { chartPoints } from "./latency-data";
import { csvFileName, latencyCsvColumns, seriesCsv, type CsvColumn } from "./series-csv";

const T0 = Date.UTC(2026, 11, 4, 18, 0);
const rows = (csv: string) => csv.split("\r\n").slice(0, -1);

describe("seriesCsv", () => {
  const columns: CsvColumn<{ x: number; v: number | null; w?: number }>[] = [
    { name: "p99", unit: "ms", value: (p) => p.v },
    { name: "throttled", unit: "%", value: (p) => p.w },
  ];

  it("writes one row per point, time in the chosen zone, an empty cell for a gap", () => {
    const csv = seriesCsv(
      [
        { x: T0, v: 12.5, w: 0 },
        { x: T0 + 60_000, v: null },
        { x: T0 + 120_000, v: 250, w: 1.25 },
      ],
      columns,
      "Asia/Kolkata",
    );
    expect(rows(csv)).toEqual(["time (Asia/Kolkata),p99 (ms),throttled (%)", "2026-12-04T23:30:00+05:30,12.5,0", "2026-12-04T23:31:00+05:30,,", "2026-12-04T23:32:00+05:30,250,1.25"]);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("writes UTC times with Z", () => {
    expect(rows(seriesCsv([{ x: T0, v: 1 }], columns, "UTC"))[1]).toBe("2026-12-04T18:00:00Z,1,");
  });

  it("writes only the header for an empty series", () => {
    expect(seriesCsv([], columns, "UTC")).toBe("time (UTC),p99 (ms),throttled (%)\r\n");
  });

  it("quotes names with commas and quotes, and makes a formula-looking name inert", () => {
    const odd: CsvColumn<{ x: number }>[] = [
      { name: 'p99, "previous"', unit: "ms", value: () => 1 },
      { name: "=HYPERLINK(1)", unit: "x", value: () => 2 },
    ];
    expect(rows(seriesCsv([{ x: T0 }], odd, "UTC"))[0]).toBe(`time (UTC),"p99, ""previous"" (ms)",'=HYPERLINK(1) (x)`);
  });
});

describe("the Latency tab's columns", () => {
  const series = [
    { t: new Date(T0).toISOString(), count: 120, errors: 6, p50: 20, p95: 60, p99: 90, attempts: 150, logicalCalls: 100, maxAttempts: 3, throttled: 12 },
    // A step with no calls: gaps in every line that has nothing to divide by.
    { t: new Date(T0 + 300_000).toISOString(), count: 0, errors: 0, p50: null, p95: null, p99: null, attempts: 0, logicalCalls: 0, maxAttempts: 0, throttled: 0 },
  ];

  it("holds exactly the series drawn, with their units", () => {
    const points = chartPoints(series, 300_000);
    expect(rows(seriesCsv(points, latencyCsvColumns({ compare: false, retries: true }), "UTC"))).toEqual([
      "time (UTC),p50 (ms),p95 (ms),p99 (ms),calls per minute (calls/min),error rate (%),retry amplification (attempts per call),throttled (%)",
      "2026-12-04T18:00:00Z,20,60,90,24,5,1.5,10",
      "2026-12-04T18:05:00Z,,,,0,,,",
    ]);
  });

  it("adds the previous period when compared and leaves out the retry chart when it is not drawn", () => {
    const points = chartPoints(series, 300_000, { series: [{ ...series[0]!, t: new Date(T0 - 3_600_000).toISOString(), p99: 70 }], shiftMs: 3_600_000 });
    const csv = rows(seriesCsv(points, latencyCsvColumns({ compare: true, retries: false }), "UTC"));
    expect(csv[0]).toBe("time (UTC),p50 (ms),p95 (ms),p99 (ms),\"p99, previous period (ms)\",calls per minute (calls/min),error rate (%)");
    expect(csv.slice(1)).toEqual(["2026-12-04T18:00:00Z,20,60,90,70,24,5", "2026-12-04T18:05:00Z,,,,,0,"]);
  });
});

describe("csvFileName", () => {
  it("names the integration and the range, with only safe characters", () => {
    expect(csvFileName("checkout->payments:authorize", T0, T0 + 3_600_000)).toBe("latency_checkout-_payments_authorize_20261204T1800Z_20261204T1900Z.csv");
  });
});
