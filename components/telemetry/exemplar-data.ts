// Exemplars for the charts (pure): where a trace opens (the EDGEWISE_TRACE_URL template filled in),
// points on the shared time axis, and the ones that fall in one heatmap cell.

// Types only: the server module's code never reaches the browser.
import type { ExemplarItem } from "@/lib/telemetry/exemplar-query";
import { bandOf } from "@/lib/telemetry/heatmap-bands";

export type { ExemplarItem };

export interface Exemplars {
  items: ExemplarItem[];
  traceUrlTemplate: string | null;
}

/** The trace's address in the user's tracing UI: every `{traceId}` replaced; null without a template. */
export function traceUrl(template: string | null, traceId: string): string | null {
  if (!template) return null;
  return template.split("{traceId}").join(encodeURIComponent(traceId));
}

export interface ExemplarPoint extends ExemplarItem {
  /** The call's time on the chart's axis (ms since the epoch). */
  x: number;
}

/** Points inside the chart's domain, in the reverse of the API's slowest-first order, so the slowest are drawn last, on top. */
export function exemplarPoints(items: ExemplarItem[], domain: [number, number]): ExemplarPoint[] {
  return items
    .map((e) => ({ ...e, x: Date.parse(e.at) }))
    .filter((p) => p.x >= domain[0] && p.x < domain[1])
    .reverse();
}

/** The exemplars of one heatmap cell: called in [fromMs, toMs) and in its band, by the rule that bands the calls. */
export function exemplarsInCell(items: ExemplarItem[], cell: { fromMs: number; toMs: number; bandsMs: number[]; band: number }): ExemplarItem[] {
  return items.filter((e) => {
    const at = Date.parse(e.at);
    return at >= cell.fromMs && at < cell.toMs && bandOf(cell.bandsMs, e.durationMs) === cell.band;
  });
}
