// The logical calls of the pairing window, in PostgreSQL: a batch's attempts are grouped with the
// calls stored by earlier batches (from this server or another), under the calls' row locks, so two
// attempts of one call arriving at two servers at once still make one call of two attempts. The SQL
// merge (earliest minute, spans added, largest resend_count) is applyAttempts' own, for one call.
import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { applyAttempts, type Attempt, type CallState, type RetryDelta } from "./retries";

type Tx = Prisma.TransactionClient;

/** How long a logical call waits for more of its attempts; later ones count as a call of their own. */
export const RETRY_WINDOW_MS = 3_600_000;

/**
 * Groups the attempts with the stored calls; returns what the minutes' attempt counts change by. One
 * upsert per batch: it adds the batch's attempts to each call under the call's row lock (another
 * server holding the call waits until it commits, then adds to what that wrote) and returns the
 * call's state before it, from which the pure applyAttempts says what moved.
 */
export async function groupRetries(tx: Tx, attempts: Attempt[]): Promise<RetryDelta[]> {
  if (attempts.length === 0) return [];
  const { states: added } = applyAttempts(new Map(), attempts);
  const keys = [...added.keys()].sort();
  // Only the calls stored before come back (most of a batch's are new): the answer stays small.
  const rows = await tx.$queryRaw<{ call_key: string; series_key: string; prev_minute: Date | null; prev_spans: number; prev_max_resend: number }[]>`
    WITH upserted AS (
    INSERT INTO retry_calls AS c (call_key, series_key, minute, spans, max_resend)
    SELECT k, s, m, n, r
    FROM unnest(${keys}::text[], ${keys.map((k) => added.get(k)!.seriesKey)}::text[], ${keys.map((k) => new Date(added.get(k)!.minuteMs).toISOString())}::timestamptz[],
                ${keys.map((k) => added.get(k)!.spans)}::int[], ${keys.map((k) => added.get(k)!.maxResend)}::int[]) AS a(k, s, m, n, r)
    ORDER BY k
    ON CONFLICT (call_key) DO UPDATE SET
      prev_minute = c.minute, prev_spans = c.spans, prev_max_resend = c.max_resend,
      minute = LEAST(c.minute, EXCLUDED.minute), spans = c.spans + EXCLUDED.spans, max_resend = GREATEST(c.max_resend, EXCLUDED.max_resend),
      updated_at = now()
    RETURNING call_key, series_key, prev_minute, prev_spans, prev_max_resend)
    SELECT * FROM upserted WHERE prev_spans > 0`;
  const stored = new Map<string, CallState>();
  // A new call's row is the one just inserted (prev_spans 0, left out); an existing one's previous state is returned.
  for (const r of rows) stored.set(r.call_key, { seriesKey: r.series_key, minuteMs: r.prev_minute!.getTime(), spans: r.prev_spans, maxResend: r.prev_max_resend });
  return applyAttempts(stored, attempts).deltas;
}

/** Forgets calls silent for the pairing window. */
export async function pruneRetryCalls(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM retry_calls WHERE updated_at < ${new Date(now.getTime() - RETRY_WINDOW_MS)}`;
}
