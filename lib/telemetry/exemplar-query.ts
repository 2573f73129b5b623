// Reading exemplars back: the calls behind an integration point's latency over a range, slowest
// first, with the URL template that opens a trace in the user's tracing UI (EDGEWISE_TRACE_URL).
import "server-only";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/actor";
import { getIntegrationTargets } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { coarsest, readCoverage, tierFilter, type Resolution, type Tier } from "./latency";

export const exemplarQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true, error: "from is an ISO-8601 date-time" }).optional(),
    to: z.iso.datetime({ offset: true, error: "to is an ISO-8601 date-time" }).optional(),
    limit: z.coerce.number({ error: "limit is a number" }).int("limit is a whole number").min(1, "limit is at least 1").max(200, "limit is at most 200").default(50),
    /** Slots of equal length over the range, each keeping its slowest limit/spread: points across a chart rather than only its worst hour. */
    spread: z.coerce.number({ error: "spread is a number" }).int("spread is a whole number").min(1, "spread is at least 1").max(200, "spread is at most 200").default(1),
  })
  .transform((q, ctx) => {
    const toMs = q.to ? Date.parse(q.to) : Date.now();
    const fromMs = q.from ? Date.parse(q.from) : toMs - 6 * 3_600_000;
    if (fromMs >= toMs) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    return { fromMs, toMs, limit: q.limit, spread: q.spread };
  });
const RESOLUTION_MS: Record<Resolution, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export type ExemplarQuery = z.output<typeof exemplarQuerySchema>;

export interface ExemplarItem {
  traceId: string;
  spanId: string;
  durationMs: number;
  at: string;
  error: boolean;
}

/** The tier a range's exemplars come from, as its chart's step would: minutes up to a day, hours up to 30 days, then days. */
export function exemplarTier(spanMs: number): Tier {
  if (spanMs <= 86_400_000) return "minute";
  return spanMs <= 30 * 86_400_000 ? "hour" : "day";
}

/**
 * `{items, traceUrlTemplate, resolution}`: exemplars whose minute (hour, day) lies in [from, to), slowest
 * first (with `spread`, the slowest of each of that many equal slots of the range, then slowest first), from the tier the range's length calls for (or a coarser one where only that covers the range;
 * the newest, unsettled part from minutes); the template is null when EDGEWISE_TRACE_URL is unset.
 */
export async function exemplarsOf(actor: Actor, key: string, query: ExemplarQuery): Promise<{ items: ExemplarItem[]; traceUrlTemplate: string | null; resolution: Resolution }> {
  authorize(actor, "catalog:read");
  const view = await getIntegrationTargets(actor, key);
  const covering = await readCoverage(view.id, query.fromMs);
  const tier = coarsest(covering.resolution, exemplarTier(query.toMs - query.fromMs));
  const resolution: Resolution = tier === "five_minute" ? "minute" : tier;
  const slotMs = (query.toMs - query.fromMs) / query.spread;
  const perSlot = Math.ceil(query.limit / query.spread);
  const rows = await db().$queryRaw<{ trace_id: string; span_id: string; duration_ms: number; at_ms: number; error: boolean }[]>`
    SELECT trace_id, span_id, duration_ms, at_ms, error FROM (
      SELECT x->>'traceId' AS trace_id, x->>'spanId' AS span_id, (x->>'durationMs')::float8 AS duration_ms, (x->>'atMs')::float8 AS at_ms, (x->>'error')::boolean AS error,
             row_number() OVER (PARTITION BY floor(((x->>'atMs')::float8 - ${query.fromMs}) / ${slotMs}) ORDER BY (x->>'durationMs')::float8 DESC, (x->>'atMs')::float8, x->>'spanId') AS rank
      FROM latency_exemplars e, jsonb_array_elements(e.exemplars) AS x
      WHERE e.series_key = ${view.id} AND e.start >= ${new Date(Math.floor(query.fromMs / RESOLUTION_MS[resolution]) * RESOLUTION_MS[resolution])} AND e.start < ${new Date(query.toMs)}
        AND ${tierFilter(resolution, covering.settled)}
    ) ranked
    WHERE rank <= ${perSlot}
    ORDER BY duration_ms DESC, at_ms, span_id
    LIMIT ${query.limit}`;
  return {
    items: rows.map((r) => ({ traceId: r.trace_id, spanId: r.span_id, durationMs: Math.round(r.duration_ms * 1000) / 1000, at: new Date(r.at_ms).toISOString(), error: r.error })),
    traceUrlTemplate: env().EDGEWISE_TRACE_URL ?? null,
    resolution,
  };
}
