// Bounded database checks for the health probes: a down or hung database must answer fast, not hang the probe.
import "server-only";
import { db } from "./client";

/** `work`'s result, or null when it failed or took longer than `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([work, timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export async function databaseHealthy(timeoutMs = 2000): Promise<boolean> {
  return (await withTimeout(db().$queryRaw`SELECT 1`, timeoutMs)) !== null;
}
