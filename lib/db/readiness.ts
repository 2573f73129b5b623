// Liveness and readiness for orchestrators. Live: the process answers (restart it if not). Ready: it
// can serve — the database answers, every migration this build ships is applied, and the roll-up
// that turns minutes into hours and days is advancing (take it out of rotation if not). The checks
// are bounded in time, so a hung database fails the probe instead of hanging it.
import "server-only";
import { env } from "@/lib/env";
import { db } from "./client";
import { withTimeout } from "./health";
import { readMigrations } from "./migrate";

export interface ReadinessCheck {
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: ReadinessCheck; migrations: ReadinessCheck; rollup: ReadinessCheck };
}

export interface ReadinessFacts {
  /** Null when the database did not answer in time (or refused). */
  applied: string[] | null;
  shipped: string[];
  /** The five-minute roll-up's watermark; null before there was anything to roll up. */
  rolledUntil: Date | null;
  now: Date;
  stallMinutes: number;
}

/** The verdict from what was read (pure). */
export function judgeReadiness({ applied, shipped, rolledUntil, now, stallMinutes }: ReadinessFacts): Readiness {
  const database = applied ? { ok: true, detail: "reachable" } : { ok: false, detail: "no answer within the timeout" };
  let migrations: ReadinessCheck;
  if (!applied) migrations = { ok: false, detail: "unknown: the database did not answer" };
  else {
    const pending = shipped.filter((m) => !applied.includes(m));
    migrations = pending.length ? { ok: false, detail: `${pending.length} not applied: ${pending.slice(0, 3).join(", ")}${pending.length > 3 ? ", …" : ""}` } : { ok: true, detail: `${shipped.length} applied` };
  }
  let rollup: ReadinessCheck;
  if (!applied) rollup = { ok: false, detail: "unknown: the database did not answer" };
  else if (!rolledUntil) rollup = { ok: true, detail: "nothing rolled up yet" };
  else {
    const behindMin = Math.floor((now.getTime() - rolledUntil.getTime()) / 60_000);
    rollup = behindMin > stallMinutes ? { ok: false, detail: `stalled: ${behindMin} minutes behind (limit ${stallMinutes})` } : { ok: true, detail: `${Math.max(0, behindMin)} minutes behind` };
  }
  return { ready: database.ok && migrations.ok && rollup.ok, checks: { database, migrations, rollup } };
}

export async function readiness(now = new Date(), timeoutMs = 2000): Promise<Readiness> {
  const read = withTimeout(
    Promise.all([
      db().$queryRaw<{ name: string }[]>`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      db().$queryRaw<{ until: Date }[]>`SELECT rolled_until AS until FROM telemetry_rollups WHERE resolution = 'five_minute'`,
    ]),
    timeoutMs,
  );
  const answer = await read;
  return judgeReadiness({
    applied: answer ? answer[0].map((r) => r.name) : null,
    shipped: readMigrations().map((m) => m.name),
    rolledUntil: answer?.[1][0]?.until ?? null,
    now,
    stallMinutes: env().EDGEWISE_READY_ROLLUP_STALL_MINUTES,
  });
}
