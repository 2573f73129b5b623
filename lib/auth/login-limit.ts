// Sign-in throttling, kept in the database so the limit holds across several server instances.
import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/** Pure: whether recent failures exceed the limit. The per-address limit is looser (shared NATs). */
export function isLimited(failures: { byEmail: number; byIp: number }, maxFailures: number): boolean {
  return failures.byEmail >= maxFailures || failures.byIp >= maxFailures * 5;
}

export async function loginBlocked(email: string, ip: string): Promise<boolean> {
  const { EDGEWISE_LOGIN_MAX_FAILURES: max, EDGEWISE_LOGIN_WINDOW_MINUTES: minutes } = env();
  const since = new Date(Date.now() - minutes * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db().loginAttempt.count({ where: { email, at: { gte: since } } }),
    db().loginAttempt.count({ where: { ip, at: { gte: since } } }),
  ]);
  return isLimited({ byEmail, byIp }, max);
}

export async function recordLoginFailure(email: string, ip: string) {
  await db().loginAttempt.create({ data: { email, ip } });
}

export async function clearLoginFailures(email: string) {
  await db().loginAttempt.deleteMany({ where: { email } });
}
