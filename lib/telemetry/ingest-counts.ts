// What ingestion took in and turned away, per minute of arrival: accepted spans/points and rejections
// by reason. Item counts are written inside the ingesting transaction (so they agree with the data);
// whole-request rejections (401, 413, 429 …) are tallied in memory and written every few seconds,
// best effort — a request that is turned away must not cost a database write of its own.
import "server-only";
import { db } from "@/lib/db/client";
import { addCounts } from "./ingest-store";
import type { OtlpSignal } from "./otlp-codec";

/** Logs are answered and dropped (Edgewise stores none); what was dropped is still counted. */
export type Signal = OtlpSignal | "logs";

const pending = new Map<string, number>();
let timer: NodeJS.Timeout | null = null;

/** Tallies a request turned away as a whole (written within a few seconds, or lost with the process). */
export function countRejectedRequest(signal: Signal, reason: string): void {
  countInMemory(signal, `request:${reason}`, 1);
}

/** Tallies `n` items of an outcome no batch writes (the log records /v1/logs drops), best effort like the above. */
export function countInMemory(signal: Signal, outcome: string, n: number): void {
  if (n <= 0) return;
  const key = `${signal}|${outcome}`;
  pending.set(key, (pending.get(key) ?? 0) + n);
  timer ??= setTimeout(() => void flushRejectedRequests(), 5_000).unref();
}

/** Writes the tallied request rejections now (tests call it; the timer does otherwise). */
export async function flushRejectedRequests(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  if (pending.size === 0) return;
  const bySignal = new Map<Signal, Record<string, number>>();
  for (const [key, n] of pending) {
    const [signal, outcome] = key.split("|") as [Signal, string];
    bySignal.set(signal, { ...bySignal.get(signal), [outcome]: n });
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
