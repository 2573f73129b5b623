// Runs once when a server instance starts: background work that belongs to the server process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { startRollupSchedule } = await import("./lib/telemetry/schedule");
  startRollupSchedule();
  if (process.env.EDGEWISE_NOTIFY_ENABLED !== "0") {
    // Notification delivery: every server process works the shared queue (never on a request path).
    const { startNotificationWorker } = await import("./lib/notifications/queue");
    startNotificationWorker().then(
      (worker) => {
        // scripts/start.ts forwards SIGTERM: let attempts under way record their outcome first.
        process.once("SIGTERM", () => void worker.stop().catch(() => undefined));
      },
      (err: unknown) => console.error("Notification delivery did not start:", err instanceof Error ? err.message : err),
    );
  }
}
