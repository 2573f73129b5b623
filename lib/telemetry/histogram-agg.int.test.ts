// The SQL aggregate that rollups and every multi-bucket read use must agree exactly with merge() in
// histogram.ts — counts, sums, extremes and every bucket — including over no rows at all.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { prng } from "@/lib/random";
import { emptyHistogram, merge, record, type Histogram } from "./histogram";

function randomHistogram(random: () => number): Histogram {
  const h = emptyHistogram();
  const n = Math.floor(random() * 200);
  for (let i = 0; i < n; i++) record(h, random() < 0.02 ? 0 : Math.exp(random() * 10 - 2));
  return h;
}

describe("edgewise_histogram_agg", () => {
  it("equals merging in TypeScript, for many histograms and for none", async () => {
    const random = prng(11);
    const histograms = Array.from({ length: 300 }, () => randomHistogram(random));
    const expected = histograms.reduce((acc, h) => merge(acc, h), emptyHistogram());
    const [row] = await db().$queryRaw<{ merged: Histogram; none: Histogram }[]>`
      SELECT edgewise_histogram_agg(h) AS merged, edgewise_histogram_agg(h) FILTER (WHERE false) AS none
      FROM unnest(${histograms.map((h) => JSON.stringify(h))}::jsonb[]) AS t(h)`;
    expect(row!.merged.count).toBe(expected.count);
    expect(row!.merged.zero).toBe(expected.zero);
    expect(row!.merged.buckets).toEqual(expected.buckets);
    expect(row!.merged.minMs).toBe(expected.minMs);
    expect(row!.merged.maxMs).toBe(expected.maxMs);
    expect(row!.merged.sumMs).toBeCloseTo(expected.sumMs, 6);
    expect(row!.none).toEqual(emptyHistogram());
  });
});
