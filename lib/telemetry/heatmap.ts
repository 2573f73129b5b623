// The latency distribution over time: each step's merged histogram regrouped into log-spaced latency
// bands over the range's own min–max, for the heatmap beside the percentile chart.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { getIntegrationTargets } from "@/lib/catalog/integrations";
import { DEFAULT_BANDS, bandHistograms } from "./heatmap-bands";
import { emptyHistogram } from "./histogram";
import { rangeQuerySchema, readSteps, type RangeQuery, type Resolution } from "./latency";

/** A heatmap column per step, 24 bands each: 500 columns keep the answer well under 100 kB. */
export const heatmapQuerySchema = rangeQuerySchema(500);

export interface LatencyHeatmap {
  resolution: Resolution;
  stepMs: number;
  /** Band edges in ms, ascending (one more than the bands). */
  bandsMs: number[];
  /** One per step from `from` to `to`; `counts[i]` are the calls in band i and add up to `count`. */
  columns: { t: string; count: number; counts: number[] }[];
  maxCount: number;
  /** Some calls in the range came from explicit-bucket metric histograms: their band is approximate. */
  approximate: boolean;
}

export async function latencyHeatmap(actor: Actor, key: string, query: RangeQuery): Promise<LatencyHeatmap> {
  authorize(actor, "catalog:read");
  const view = await getIntegrationTargets(actor, key);
  const { resolution, steps, approximate } = await readSteps(view.id, query);
  const ordered: { t: number; histogram: ReturnType<typeof emptyHistogram> }[] = [];
  for (let t = query.fromMs; t < query.toMs; t += query.stepMs) ordered.push({ t, histogram: steps.get(t)?.histogram ?? emptyHistogram() });
  const banding = bandHistograms(ordered, DEFAULT_BANDS);
  return {
    resolution,
    stepMs: query.stepMs,
    bandsMs: banding.edgesMs.map((e) => Math.round(e * 1000) / 1000),
    columns: banding.columns.map((c) => ({ t: new Date(c.t).toISOString(), count: c.count, counts: c.counts })),
    maxCount: banding.maxCount,
    approximate,
  };
}
