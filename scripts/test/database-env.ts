// Points the Prisma client of each integration-test worker at the run's database.
import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// What the server gets from scripts/start.ts: the app secret (notification channel secrets are sealed with it).
process.env.NEXTAUTH_SECRET ??= "integration-tests-nextauth-secret-not-for-production";

// The metrics registry loads the route list lazily on the first request it counts; a short file can
// end before that import does, and vitest then reports a module loaded after teardown. Wait for it.
afterAll(async () => {
  await (globalThis as { edgewiseMetrics?: { ready: Promise<void> } }).edgewiseMetrics?.ready;
});
