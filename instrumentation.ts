// Runs once when a server instance starts: background work that belongs to the server process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { startRollupSchedule } = await import("./lib/telemetry/schedule");
  startRollupSchedule();
}
