// The logical calls of the pairing window, in PostgreSQL: a batch's attempts are grouped with the
// calls stored by earlier batches (from this server or another), under the calls' row locks, so two
// attempts of one call arriving at two servers at once still make one call of two attempts.
import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { applyAttempts, type Attempt, type CallState, type RetryDelta } from "./retries";

type Tx = Prisma.TransactionClient;

/** How long a logical call waits for more of its attempts; later ones count as a call of their own. */
export const RETRY_WINDOW_MS = 3_600_000;

/** Groups the attempts with the stored calls; returns what the minutes' attempt counts change by. */
export async function groupRetries(tx: Tx, attempts: Attempt[]): Promise<RetryDelta[]> {
  if (attempts.length === 0) return [];
  const first = new Map<string, Attempt>();
  for (const a of attempts) if (!first.has(a.callKey)) first.set(a.callKey, a);
  const keys = [...first.keys()].sort();
  // Placeholder rows (0 spans) first, so a call nobody has seen can be locked too; then lock them
  // all in one order. Another server holding a call waits here until it commits, then we read it.
  await tx.$executeRaw`
    INSERT INTO retry_calls (call_key, series_key, minute)
    SELECT k, s, m FROM unnest(${keys}::text[], ${keys.map((k) => first.get(k)!.seriesKey)}::text[], ${keys.map((k) => new Date(first.get(k)!.startMs).toISOString())}::timestamptz[]) AS c(k, s, m)
    ORDER BY k ON CONFLICT (call_key) DO NOTHING`;
  const rows = await tx.$queryRaw<{ call_key: string; series_key: string; minute: Date; spans: number; max_resend: number }[]>`
    SELECT call_key, series_key, minute, spans, max_resend FROM retry_calls WHERE call_key = ANY(${keys}::text[]) ORDER BY call_key FOR UPDATE`;
  const stored = new Map<string, CallState>();
  for (const r of rows) if (r.spans > 0) stored.set(r.call_key, { seriesKey: r.series_key, minuteMs: r.minute.getTime(), spans: r.spans, maxResend: r.max_resend });
  const { states, deltas } = applyAttempts(stored, attempts);
  const changed = [...states.entries()];
  await tx.$executeRaw`
    UPDATE retry_calls c SET minute = v.minute, spans = v.spans, max_resend = v.max_resend, updated_at = now()
    FROM unnest(${changed.map((c) => c[0])}::text[], ${changed.map((c) => new Date(c[1].minuteMs).toISOString())}::timestamptz[],
                ${changed.map((c) => c[1].spans)}::int[], ${changed.map((c) => c[1].maxResend)}::int[]) AS v(k, minute, spans, max_resend)
    WHERE c.call_key = v.k`;
  return deltas;
}

/** Forgets calls silent for the pairing window. */
export async function pruneRetryCalls(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM retry_calls WHERE updated_at < ${new Date(now.getTime() - RETRY_WINDOW_MS)}`;
}
