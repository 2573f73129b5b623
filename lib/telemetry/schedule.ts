// The rollup schedule inside the server: once at start (catching up after downtime), then every minute.
import "server-only";
import { rollUp } from "./rollup";

let started = false;

export function startRollupSchedule(intervalMs = 60_000) {
  if (started) return;
  started = true;
  const tick = () =>
    rollUp()
      // Integration health (lib/slo/health.ts) reads the fresh rollups; imported late, as slo builds on telemetry.
      .then(async () => (await import("@/lib/slo/health")).refreshHealth())
      // Governance state that changes with time (findings over fresh health, waivers nearing expiry) → notification events.
      .then(async () => {
        const { findingsPass, waiverExpiryPass } = await import("@/lib/governance/notification-passes");
        await findingsPass();
        await waiverExpiryPass();
      })
      .catch((err: unknown) => {
        // The next tick retries; a database outage must not take the server down.
        console.error("Telemetry rollup, health refresh or notification passes failed:", err instanceof Error ? err.message : err);
      });
  void tick();
  setInterval(tick, intervalMs).unref();
}
