// The rollup schedule inside the server: once at start (catching up after downtime), then every minute.
import "server-only";
import { rollUp } from "./rollup";

let started = false;

export function startRollupSchedule(intervalMs = 60_000) {
  if (started) return;
  started = true;
  const tick = () =>
    rollUp().catch((err: unknown) => {
      // The next tick retries; a database outage must not take the server down.
      console.error("Telemetry rollup failed:", err instanceof Error ? err.message : err);
    });
  void tick();
  setInterval(tick, intervalMs).unref();
}
