// What ingestion took in and turned away, per minute of arrival: accepted spans/points and rejections
// by reason. Item counts are written inside the ingesting transaction (so they agree with the data);
// whole-request rejections (401, 413, 429 …) are tallied in memory and written every few seconds,
// best effort — a request that is turned away must not cost a database write of its own.
import "server-only";
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";

export type Signal = "traces" | "metrics";
type Tx = Prisma.TransactionClient;

export const arrivalMinute = (nowMs = Date.now()) => new Date(Math.floor(nowMs / 60_000) * 60_000);

/** Adds `outcomes` (outcome → count) to the current minute, in `tx`; rows in a stable order (no deadlocks). */
export async function addCounts(tx: Tx, signal: Signal, outcomes: Record<string, number>, nowMs = Date.now()): Promise<void> {
  const entries = Object.entries(outcomes)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return;
  const minute = arrivalMinute(nowMs);
  const rows = entries.map(([outcome, n]) => Prisma.sql`(${minute}, ${signal}, ${outcome}, ${n})`);
  await tx.$executeRaw`
    INSERT INTO ingest_counts (minute, signal, outcome, count) VALUES ${Prisma.join(rows)}
    ON CONFLICT (signal, outcome, minute) DO UPDATE SET count = ingest_counts.count + EXCLUDED.count, updated_at = now()`;
}

const pending = new Map<string, number>();
let timer: NodeJS.Timeout | null = null;

/** Tallies a request turned away as a whole (written within a few seconds, or lost with the process). */
export function countRejectedRequest(signal: Signal, reason: string): void {
  const key = `${signal}|${reason}`;
  pending.set(key, (pending.get(key) ?? 0) + 1);
  timer ??= setTimeout(() => void flushRejectedRequests(), 5_000).unref();
}

/** Writes the tallied request rejections now (tests call it; the timer does otherwise). */
export async function flushRejectedRequests(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  if (pending.size === 0) return;
  const bySignal = new Map<Signal, Record<string, number>>();
  for (const [key, n] of pending) {
    const [signal, reason] = key.split("|") as [Signal, string];
    bySignal.set(signal, { ...bySignal.get(signal), [`request:${reason}`]: n });
  }
  pending.clear();
  try {
    await db().$transaction(async (tx) => {
      for (const [signal, outcomes] of [...bySignal].sort(([a], [b]) => (a < b ? -1 : 1))) await addCounts(tx, signal, outcomes);
    });
  } catch {
    // Best effort: with the database down these counts are lost, which the 503s already say.
  }
}

/** Forgets counts older than a week (Settings shows the last day). */
export async function pruneCounts(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM ingest_counts WHERE minute < ${new Date(now.getTime() - 7 * 86_400_000)}`;
}
